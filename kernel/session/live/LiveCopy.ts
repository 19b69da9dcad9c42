/**
 * A live table's local copy: a DuckDB table in schema `__silt_live` of the session's database that
 * SQL reads instead of the server, changed in place by each increment. It is written only through the
 * live tables' own connection, each change one transaction, so a cell running on the session's
 * connection keeps reading the snapshot it started with (DuckDB's MVCC) and never waits for it.
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

/** The schema that holds every live copy (hidden from completion like every `__silt_` name). */
export const LIVE_SCHEMA = '__silt_live';

export class LiveCopy {
  /** The copy's qualified, quoted name. */
  private readonly table: string;

  private constructor(
    private readonly conn: DuckDBConnection,
    readonly name: string,
    readonly mode: LiveMode,
    private columns: string[],
  ) {
    this.table = `${quoteIdent(LIVE_SCHEMA)}.${quoteIdent(name)}`;
  }

  /** Creates (or replaces) the copy from `selectSql` in one transaction: readers see the old copy or the new one. */
  static async create(conn: DuckDBConnection, name: string, mode: LiveMode, selectSql: string): Promise<LiveCopy> {
    const copy = new LiveCopy(conn, name, mode, []);
    await conn.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(LIVE_SCHEMA)}`);
    await copy.transaction(() => conn.run(`CREATE OR REPLACE TABLE ${copy.table} AS ${selectSql}`));
    copy.columns = await copy.describe();
    return copy;
  }

  /** What a statement naming the shared table reads instead: the copy without its bookkeeping column. */
  selectSql(): string {
    return `SELECT ${this.columns.map(quoteIdent).join(', ')} FROM ${this.table}`;
  }

  async rowCount(): Promise<number> {
    const r = await this.conn.runAndReadAll(`SELECT count(*) FROM ${this.table}`);
    return Number(r.getRowsJson()[0][0]);
  }

  /**
   * Applies an increment in one transaction, with the columns a compatible schema change added (NULL
   * in existing rows): if any step fails, the copy is as it was, and no reader sees half of it.
   */
  /**
   * Applies an increment in one transaction. `vet`, when given, sees the rows the increment adds
   * before anything is applied and may refuse them (it throws HeldBack, and nothing changes).
   */
  async apply(
    inc: IncrementRead,
    collect: boolean,
    added: { name: string; sqlType: string }[] = [],
    vet?: (addedRowsSql: string) => Promise<void>,
  ): Promise<Applied> {
    const delta = quoteIdent(`${this.name}_delta`);
    const applied = await this.transaction(async () => {
      for (const c of added) await this.conn.run(`ALTER TABLE ${this.table} ADD COLUMN ${quoteIdent(c.name)} ${c.sqlType}`);
      if (added.length > 0) this.columns = await this.describe();
      if (inc.sql !== null) await this.conn.run(`CREATE OR REPLACE TEMP TABLE ${delta} AS ${inc.sql}`);
      if (vet && inc.sql !== null) {
        const cols = this.columns.map(quoteIdent).join(', ');
        await vet(this.mode === 'cdf' ? `SELECT ${cols} FROM ${delta} WHERE _change_type IN ${INSERTS}` : `SELECT ${cols} FROM ${delta}`);
      }
      const r = this.mode === 'cdf' ? await this.applyChanges(delta, inc, collect) : await this.applyFiles(delta, inc, collect);
      await this.conn.run(`DROP TABLE IF EXISTS ${delta}`);
      return r;
    }).catch(async (e) => {
      if (added.length > 0) this.columns = await this.describe().catch(() => this.columns);
      throw e;
    });
    return applied;
  }

  async drop(): Promise<void> {
    await this.conn.run(`DROP TABLE IF EXISTS ${this.table}`);
  }

  private async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.conn.run('BEGIN TRANSACTION');
    try {
      const r = await fn();
      await this.conn.run('COMMIT');
      return r;
    } catch (e) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  private async applyChanges(delta: string, inc: IncrementRead, collect: boolean): Promise<Applied> {
    if (inc.sql === null) return { inserted: 0, deleted: 0, changes: collect ? [] : undefined };
    const t = this.table;
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
    const t = this.table;
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
    const r = await this.conn.runAndReadAll(`SELECT column_name FROM (DESCRIBE ${this.table})`);
    return r
      .getRowsJson()
      .map((row) => String(row[0]))
      .filter((c) => c !== FILE_COLUMN);
  }
}
