/**
 * The `sql` and `query` helpers of TypeScript cells. Shared names read as in SQL cells, and a failure
 * is told as the analyst wrote the SQL: through the rewrite, placed on its literal in the cell, and a
 * damaged shared file named as such.
 */
import type { ColumnInfo } from '../../protocol';
import type { DuckEngine } from '../../engine/DuckEngine';
import { SqlError } from '../../engine/SqlError';
import type { RefEdit } from '../sharing/findSharedRefs';
import { sqlErrorInCell } from '../sqlErrorInCell';
import { locatedIn, pieceAt, SqlErrorInCode } from './SqlErrorInCode';

type Resolved = { sql: string; edits: RefEdit[] };

export interface SqlHelperDeps {
  engine: DuckEngine;
  /** The SQL with shared names resolved to views, as for a SQL cell. */
  resolve(sql: string): Promise<Resolved>;
  /** The error told as a damaged shared file when it is one. */
  damaged(e: unknown): Promise<Error | undefined>;
  /** How the analyst spelled each view's table. */
  spellings: ReadonlyMap<string, string>;
  /** The running cell's abort signal. */
  signal(): AbortSignal | undefined;
  /** A DataFrame of DuckDB columns. */
  frame(columns: ColumnInfo[], data: Record<string, unknown[]>): unknown;
}

export function sqlHelpers(d: SqlHelperDeps) {
  let calls = 0;
  /**
   * A SQL error told in `text` (through the rewrite `ran`, when DuckDB ran one), placed on its literal
   * in the cell. Thrown in the helper's own body, never in a promise callback after an await: the
   * cell's line is read off the error's async stack, which only follows functions the cell awaits.
   */
  const inCode = (e: unknown, text: string, strings: TemplateStringsArray | string, values: readonly unknown[], ran?: Resolved): never => {
    if (!(e instanceof SqlError)) throw e;
    const inText = ran ? sqlErrorInCell(locatedIn(e, ran.sql), text, ran.edits, d.spellings) : e;
    throw new SqlErrorInCode(inText, inText.at ? pieceAt(strings, values, inText.at.offset) : undefined);
  };
  return {
    query: async (sql: string): Promise<Record<string, unknown>[]> => {
      const resolved = await d.resolve(sql).catch((e) => inCode(e, sql, sql, []));
      const out = await d.engine.query(resolved.sql).then(
        (rows) => ({ rows }),
        (error: unknown) => ({ error }),
      );
      if ('error' in out) return inCode((await d.damaged(out.error)) ?? out.error, sql, sql, [], resolved);
      return out.rows;
    },
    sql: async (strings: TemplateStringsArray | string, ...values: unknown[]): Promise<unknown> => {
      const text =
        typeof strings === 'string' ? strings : strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
      // Unique per call: two runs can be inside `sql` at the same millisecond.
      const table = `__silt_sql_${Date.now()}_${++calls}`;
      const resolved = await d.resolve(text).catch((e) => inCode(e, text, strings, values));
      const failed = await d.engine.execute(resolved.sql, { name: table, signal: d.signal() }).then(
        () => undefined,
        (error: unknown) => ({ error }),
      );
      if (failed) inCode((await d.damaged(failed.error)) ?? failed.error, text, strings, values, resolved);
      try {
        const { columns, data } = await d.engine.readColumns(table);
        return d.frame(columns, data);
      } finally {
        await d.engine.forget(table);
      }
    },
  };
}
