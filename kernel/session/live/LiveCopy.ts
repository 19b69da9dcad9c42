/**
 * A live table's local copy: a DuckDB temp table in the session's connection that SQL reads instead
 * of the server, changed in place by each increment.
 *
 * Change data feed (exact under multiset semantics): a shared table has no key, so a `delete` or
 * `update_preimage` row removes one local row equal to it on every column (NULLs equal), one per
 * change row, and `insert`/`update_postimage` rows are appended. Per version the feed describes
 * S(v) = S(v-1) − D + I, where D is a sub-multiset of S(v-1): each deleted row existed before the
 * commit. Rows equal on all columns cannot be told apart by any query, so removing any one copy per
 * D-row yields exactly S(v-1) − D; adding I gives S(v). Versions are applied in order, because a row
 * inserted at v and deleted at v+1 must exist before its delete is applied.
 *
 * Files mode: every row carries the id of the file it came from, so a removed file's rows are
 * dropped exactly and an added file's rows appended.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral } from '../../../common/sqlQuote';
import { FILE_COLUMN, type IncrementRead, type LiveMode } from './readIncrement';

export interface Applied {
  inserted: number;
  deleted: number;
  /** Change rows with `_change_type`, when asked for (subscribers). */
  changes?: Record<string, unknown>[];
}

const DELETES = `('delete', 'update_preimage')`;
const INSERTS = `('insert', 'update_postimage')`;

export class LiveCopy {
  private constructor(
    private readonly conn: DuckDBConnection,
    readonly name: string,
    readonly mode: LiveMode,
    private columns: string[],
  ) {}

  static async create(conn: DuckDBConnection, name: string, mode: LiveMode, selectSql: string): Promise<LiveCopy> {
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} AS ${selectSql}`);
    const copy = new LiveCopy(conn, name, mode, []);
    copy.columns = await copy.describe();
    return copy;
  }

  /** What a statement naming the shared table reads instead: the copy without its bookkeeping column. */
  selectSql(): string {
    return `SELECT ${this.columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(this.name)}`;
  }

  async rowCount(): Promise<number> {
    const r = await this.conn.runAndReadAll(`SELECT count(*) FROM ${quoteIdent(this.name)}`);
    return Number(r.getRowsJson()[0][0]);
  }

  /** A compatible schema change (columns added): the copy gains them, NULL in existing rows. */
  async addColumns(columns: { name: string; sqlType: string }[]): Promise<void> {
    for (const c of columns) await this.conn.run(`ALTER TABLE ${quoteIdent(this.name)} ADD COLUMN ${quoteIdent(c.name)} ${c.sqlType}`);
    this.columns = await this.describe();
  }

  /** Applies an increment in one transaction: if any step fails, the copy is as it was. */
  async apply(inc: IncrementRead, collect: boolean): Promise<Applied> {
    const delta = quoteIdent(`${this.name}_delta`);
    await this.conn.run('BEGIN TRANSACTION');
    try {
      if (inc.sql !== null) await this.conn.run(`CREATE OR REPLACE TEMP TABLE ${delta} AS ${inc.sql}`);
      const applied = this.mode === 'cdf' ? await this.applyChanges(delta, inc, collect) : await this.applyFiles(delta, inc, collect);
      await this.conn.run(`DROP TABLE IF EXISTS ${delta}`);
      await this.conn.run('COMMIT');
      return applied;
    } catch (e) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  async drop(): Promise<void> {
    await this.conn.run(`DROP TABLE IF EXISTS ${quoteIdent(this.name)}`);
  }

  private async applyChanges(delta: string, inc: IncrementRead, collect: boolean): Promise<Applied> {
    if (inc.sql === null) return { inserted: 0, deleted: 0, changes: collect ? [] : undefined };
    const t = quoteIdent(this.name);
    const cols = this.columns.map(quoteIdent);
    let inserted = 0;
    let deleted = 0;
    for (const v of inc.versions) {
      const gone = `SELECT ${cols.join(', ')}, count(*) AS __k FROM ${delta} WHERE _commit_version = ${v} AND _change_type IN ${DELETES} GROUP BY ALL`;
      const on = cols.map((c) => `l.${c} IS NOT DISTINCT FROM d.${c}`).join(' AND ');
      const del = await this.conn.run(
        `DELETE FROM ${t} WHERE rowid IN (SELECT __rid FROM (` +
          `SELECT l.rowid AS __rid, d.__k, row_number() OVER (PARTITION BY d.__g ORDER BY l.rowid) AS __n ` +
          `FROM ${t} AS l JOIN (SELECT *, row_number() OVER () AS __g FROM (${gone})) AS d ON ${on}) WHERE __n <= __k)`,
      );
      deleted += del.rowsChanged;
      const ins = await this.conn.run(
        `INSERT INTO ${t} BY NAME SELECT ${cols.join(', ')} FROM ${delta} WHERE _commit_version = ${v} AND _change_type IN ${INSERTS}`,
      );
      inserted += ins.rowsChanged;
    }
    const changes = collect
      ? await this.rows(`SELECT ${cols.join(', ')}, _change_type, _commit_version FROM ${delta} ORDER BY _commit_version`)
      : undefined;
    return { inserted, deleted, changes };
  }

  private async applyFiles(delta: string, inc: IncrementRead, collect: boolean): Promise<Applied> {
    const t = quoteIdent(this.name);
    const cols = this.columns.map(quoteIdent).join(', ');
    const dropped = inc.dropFiles.length > 0 ? `${quoteIdent(FILE_COLUMN)} IN (${inc.dropFiles.map(quoteLiteral).join(', ')})` : 'false';
    const changes = collect ? await this.rows(`SELECT ${cols}, 'delete' AS _change_type FROM ${t} WHERE ${dropped}`) : undefined;
    const deleted = (await this.conn.run(`DELETE FROM ${t} WHERE ${dropped}`)).rowsChanged;
    let inserted = 0;
    if (inc.sql !== null) {
      inserted = (await this.conn.run(`INSERT INTO ${t} BY NAME SELECT ${cols}, ${quoteIdent(FILE_COLUMN)} FROM ${delta}`)).rowsChanged;
      if (changes) changes.push(...(await this.rows(`SELECT ${cols}, 'insert' AS _change_type FROM ${delta}`)));
    }
    return { inserted, deleted, changes };
  }

  private async rows(sql: string): Promise<Record<string, unknown>[]> {
    return (await this.conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  }

  private async describe(): Promise<string[]> {
    const r = await this.conn.runAndReadAll(`SELECT column_name FROM (DESCRIBE ${quoteIdent(this.name)})`);
    return r
      .getRowsJson()
      .map((row) => String(row[0]))
      .filter((c) => c !== FILE_COLUMN);
  }
}
