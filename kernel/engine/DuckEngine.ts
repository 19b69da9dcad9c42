/**
 * One session's DuckDB: runs SQL cells, keeps their results as handles that the grid pages through,
 * and moves data between DuckDB and the TypeScript realm. A SELECT result is materialised into a
 * table so any page can be read later in a few milliseconds (by rowid, which follows result
 * order), instead of holding millions of rows in the session's heap.
 *
 * Two lanes, each its own connection to the one database: the user's runs, and live re-runs that
 * must not queue behind a long user cell (see Lane). Result tables are ordinary tables, not TEMP
 * ones, because DuckDB's TEMP tables belong to one connection: a result written in either lane is
 * readable, by name or by handle, from both.
 */
import { DuckDBConnection, DuckDBInstance, StatementType } from '@duckdb/node-api';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { SiltError } from '../../common/SiltError';
import type { CellValue, ColumnInfo } from '../protocol';
import type { ColumnFilter, ColumnProfile, SortKey, TopValue } from '../protocol/results';
import { rowObjects } from './rowObjects';
import { profileTable, topValues } from './profileTable';
import { LaneState } from './LaneState';
import { laneConnection } from './laneConnection';
import { CatalogReads } from './CatalogReads';
import { QueryTracker } from './QueryTracker';
import { serialConnection } from './serialConnection';
import { ResultViews } from './ResultViews';
import { quoteIdent, quoteLiteral } from '../../common/sqlQuote';
import { splitSql } from './splitSql';
import { failedStatement, SqlError, toSqlError } from './SqlError';
import { openInstance } from './openInstance';
import { ScratchFiles } from './ScratchFiles';
import { stoppable } from './stoppable';
import { tableFingerprint, type Fingerprint } from './tableFingerprint';
import { UserTransaction } from './UserTransaction';
import { WriteWatch } from './WriteWatch';
import { sqlWriteTargets, statementWriteTargets, writeTargets, type WriteTargets } from './writeTargets';

/** The outcome of a SQL cell: a pageable table. */
export interface SqlResult {
  handle: string;
  columns: ColumnInfo[];
  rowCount: number;
  firstPage: CellValue[][];
  /** How the result differs from what the cell asked for, said under its grid (a capped result). */
  note?: string;
}

/** Rows kept in memory for statements DuckDB cannot materialise as a table (PRAGMA, SHOW, ...). */
interface MemoryResult {
  columns: ColumnInfo[];
  rows: CellValue[][];
}

/**
 * Which connection a run's statements go to. `user`: the cells the user runs (and everything outside
 * a run: paging, exports); `live`: live re-runs of cells independent of the user's running cell, so
 * they answer in seconds while a long query runs (DuckDB runs the two side by side, each with its
 * own snapshot). Interrupting one lane leaves the other running.
 */
export type Lane = 'user' | 'live';

const FIRST_PAGE = 200;
/** Results a session keeps pageable; older unnamed results are dropped to bound memory. */
const MAX_HANDLES = 64;

/** A result in a table the notebook can name; `held` tells a later re-run of its cell apart. */
export interface NamedResult {
  handle: string;
  table: string;
  rowCount: number;
  held: object;
}

export class DuckEngine {
  private handles = new Map<string, { table?: string; memory?: MemoryResult; columns: ColumnInfo[]; rowCount: number }>();
  /** Results whose table the user's SQL changed or dropped after they ran, with what to tell the grid (see changedResults). */
  private readonly changed = new Map<string, string>();
  /** Which named results' tables the user's statements may have changed since the last look (see changedResults). */
  readonly writes = new WriteWatch();
  private counter = 0;
  private readonly scratch = new ScratchFiles();
  /**
   * Unique to this engine, so a handle from an earlier session (a grid kept across a restart) is
   * unknown here rather than naming a different result of the new session.
   */
  private readonly resultPrefix = `__silt_result_${randomBytes(4).toString('hex')}_`;
  private readonly views: ResultViews;
  /** The lane of the code running now (set by inLane, carried across awaits); outside any, `user`. */
  private readonly lane = new AsyncLocalStorage<Lane>();
  /** Forwards every call to the connection of the lane it is made in (see laneConnection.ts). */
  readonly laneConnection: DuckDBConnection;

  private constructor(
    private readonly instance: DuckDBInstance,
    /** Every call on this engine's connections that is still running: close() waits for them. */
    private readonly queries: QueryTracker,
    /** The user lane's connection: cells the user runs, exports. */
    readonly connection: DuckDBConnection,
    private readonly liveConnection: DuckDBConnection,
    /**
     * What grids ask of held results (pages, sorted and filtered views, profiles, top values), so a grid
     * scrolls, sorts and profiles (its result is a committed table) while a cell runs.
     */
    private readonly pageConnection: DuckDBConnection,
    /** What the user's connection made local to itself (settings, TEMP objects), copied or named (LaneState). */
    readonly lanes: LaneState,
    /** Whether each lane's connection is inside a transaction its SQL opened (BEGIN … COMMIT). */
    private readonly transactions: Record<Lane, UserTransaction>,
    /** This engine's spill folder: removed on close, as DuckDB may leave it behind. */
    private readonly spill: string,
  ) {
    this.views = new ResultViews(pageConnection, this.resultPrefix.replace('__silt_result_', '__silt_view_'));
    this.catalog = new CatalogReads({
      user: connection,
      page: pageConnection,
      live: liveConnection,
      userBusy: () => this.userLaneBusy(),
      inLiveLane: () => this.lane.getStore() === 'live',
    });
    this.lanes.onTempChange = async (user) => void (await this.catalog.refreshTempOn(user));
    this.laneConnection = laneConnection(
      connection,
      () => this.conn,
      (sql, statement) => this.watched(sqlWriteTargets(sql), statement, undefined, sql),
    );
  }

  static async create(path = ':memory:'): Promise<DuckEngine> {
    const { instance, spill } = await openInstance(path);
    const queries = new QueryTracker();
    const connect = async () => queries.wrap(await instance.connect());
    const [user, live, page] = [await connect(), await connect(), serialConnection(await connect())];
    const transactions = { user: new UserTransaction(user), live: new UserTransaction(live) };
    const lanes = await LaneState.create(user, [live, page], transactions.user);
    const watched = queries.alias(transactions.user.watch(lanes.watch(user)), user);
    return new DuckEngine(instance, queries, watched, transactions.live.watch(live), page, lanes, transactions, spill);
  }

  /** Runs `fn` with every statement it (and whatever it awaits) makes going to `lane`'s connection. */
  inLane<T>(lane: Lane, fn: () => Promise<T>): Promise<T> {
    return this.lane.run(lane, fn);
  }

  /** The connection of the lane the caller runs in. */
  private get conn(): DuckDBConnection {
    return this.lane.getStore() === 'live' ? this.liveConnection : this.connection;
  }

  /**
   * Another connection to the same database, for work that must not queue behind a running cell
   * (live tables write their increments through one); DuckDB's MVCC keeps each query's snapshot.
   */
  async connect(): Promise<DuckDBConnection> {
    if (this.closing) throw new SiltError('session-gone', 'The notebook session is closing, so its database takes no more queries.');
    // With the user's settings (USE, TimeZone): an export must find the result and write what the user sees.
    return this.lanes.follow(this.queries.wrap(await this.instance.connect()));
  }

  /**
   * Runs every statement of a cell; the last one's rows become the result. With `name`, the result is
   * also a table of that name that later cells can query. `signal` stops it (see stoppable).
   */
  async execute(sql: string, opts: { name?: string; signal?: AbortSignal } = {}): Promise<SqlResult> {
    try {
      return await this.stoppable(opts.signal, () => this.executeStatements(sql, opts.name));
    } finally {
      // After a BEGIN, COMMIT or an error: known again before the run answers (a live re-run asks, UserLaneGate).
      await this.transaction.settle();
    }
  }

  /** Calls `fn` each time the user's connection is known anew to be in a transaction or not (UserTransaction.onSettled). */
  onUserTransactionSettled(fn: () => void): () => void {
    return this.transactions.user.onSettled(fn);
  }

  /** The transaction of the lane the caller runs in. */
  private get transaction(): UserTransaction {
    return this.transactions[this.lane.getStore() ?? 'user'];
  }

  /** Runs `fn`, interrupting the lane's connection when `signal` aborts (see stoppable.ts). */
  stoppable<T>(signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
    return stoppable(this.conn, signal, fn);
  }

  private async executeStatements(sql: string, name: string | undefined): Promise<SqlResult> {
    const statements = splitSql(sql);
    if (statements.length === 0) throw new SqlError('The cell has no SQL statement to run.');
    for (const st of statements.slice(0, -1)) {
      try {
        // Whether it may change a named result's table (a SELECT never does): see WriteWatch.
        const typeOf = () =>
          this.conn.prepare(st.text).then(
            (p) => p.statementType,
            () => undefined,
          );
        await this.watched(await statementWriteTargets(st.text, typeOf), () => this.conn.run(st.text), undefined, st.text);
      } catch (e) {
        throw toSqlError(e, failedStatement(sql, st));
      }
    }
    const last = statements[statements.length - 1];
    let type: StatementType;
    try {
      type = (await this.conn.prepare(last.text)).statementType;
    } catch (e) {
      throw toSqlError(e, failedStatement(sql, last));
    }
    const handle = name ?? `${this.resultPrefix}${++this.counter}`;
    // Inside the user's BEGIN … COMMIT a result table would be the transaction's own: the grid's
    // connection cannot see it and its row ids are not 0…n-1, so the rows are kept in memory instead.
    const inTransaction = type === StatementType.SELECT && (await this.transaction.isOpen());
    const create = `CREATE OR REPLACE TABLE ${quoteIdent(handle)} AS ${last.text}`;
    try {
      if (type === StatementType.SELECT && !inTransaction) {
        // CREATE TABLE AS answers with the number of rows it wrote: no count(*) afterwards (a query
        // less matters when a live re-run shares the CPU with a long cell).
        const created = await this.watched(name ? [name.toLowerCase()] : 'none', () => this.conn.runAndReadAll(create), handle);
        return await this.remember(handle, { table: handle }, Number(created.getRowsJson()[0][0]));
      }
    } catch (e) {
      // Some row-returning statements (DESCRIBE, SHOW, ...) cannot sit under CREATE TABLE AS; those
      // fall through and run directly. Anything else is the user's error.
      if (!/Parser Error/i.test(String((e as Error).message))) throw toSqlError(e, failedStatement(sql, last, create));
    }
    try {
      const read = () => UserTransaction.readRows(this.conn, last.text, inTransaction);
      const { columns, rows, note } = await this.watched(writeTargets(last.text, type), read, undefined, last.text);
      if (name) await this.registerRows(name, columns, rows);
      return { ...(await this.remember(handle, { memory: { columns, rows } })), ...(note ? { note } : {}) };
    } catch (e) {
      throw toSqlError(e, failedStatement(sql, last));
    }
  }

  /** Keeps rows produced outside DuckDB (a displayed DataFrame) pageable like any other result. */
  async storeRows(columns: ColumnInfo[], rows: CellValue[][]): Promise<SqlResult> {
    return this.remember(`${this.resultPrefix}${++this.counter}`, { memory: { columns, rows } });
  }

  /** One page of a result; an unknown handle (dropped, or from an older session) is an error. */
  async page(handle: string, offset: number, limit: number): Promise<CellValue[][]> {
    if (this.views.has(handle)) return this.views.page(handle, offset, limit);
    const h = this.held(handle);
    if (h.memory) return h.memory.rows.slice(offset, offset + limit);
    const reader = await this.pageConnection.runAndReadAll(
      `SELECT * FROM ${quoteIdent(h.table!)} WHERE rowid >= ${Math.floor(offset)} AND rowid < ${Math.floor(offset + limit)} ORDER BY rowid`,
    );
    return reader.getRowsJson() as CellValue[][];
  }

  /**
   * The result sorted and filtered in DuckDB, as a handle `page` reads; with neither, the result's
   * own handle. Replaces the result's previous view.
   */
  async view(handle: string, sort: readonly SortKey[], filters: readonly ColumnFilter[]): Promise<{ handle: string; rowCount: number }> {
    const h = await this.source(handle);
    if (sort.length === 0 && filters.length === 0) {
      await this.views.dropFor(handle);
      return { handle, rowCount: h.rowCount };
    }
    const names = h.columns.map((c) => c.name);
    return this.views.create(handle, h.table, names, sort, filters);
  }

  /** Every column of a result summarised over all its rows (see profileTable). */
  async profile(handle: string): Promise<{ rowCount: number; columns: ColumnProfile[] }> {
    const h = await this.source(handle);
    return profileTable(this.pageConnection, h.table, h.columns);
  }

  /** The most frequent values of one column of a result. */
  async topValues(handle: string, column: string): Promise<TopValue[]> {
    const h = await this.source(handle);
    if (!h.columns.some((c) => c.name === column)) throw new SiltError('bad-request', `The result has no column "${column}".`);
    return topValues(this.pageConnection, h.table, column);
  }

  /** A held result as a table SQL can read (one held in memory is materialised first). */
  private async source(handle: string): Promise<{ table: string; columns: ColumnInfo[]; rowCount: number }> {
    if (this.views.has(handle)) {
      throw new SiltError('bad-request', 'Sort, filter and profile take the handle of the result itself, not of a view of it.');
    }
    this.held(handle);
    await this.materialise(handle);
    const h = this.held(handle);
    return { table: h.table!, columns: h.columns, rowCount: h.rowCount };
  }

  private held(handle: string) {
    const h = this.handles.get(handle);
    if (!h) throw new SiltError('not-found', 'This result is no longer held by the session; run the cell again.');
    const changed = this.changed.get(handle);
    if (changed) throw new SiltError('conflict', changed);
    return h;
  }

  /**
   * Results that live in a table the notebook can name (a named cell's, or one renamed since), with the
   * row count their grid shows. The user's SQL may change those tables after the cell ran.
   */
  namedResults(): NamedResult[] {
    const out: NamedResult[] = [];
    for (const [handle, h] of this.handles) {
      if (h.table && !h.table.startsWith(this.resultPrefix) && !this.changed.has(handle))
        out.push({ handle, table: h.table, rowCount: h.rowCount, held: h });
    }
    return out;
  }

  /** Rows in a table now, or null when it is gone; on the paging connection, beside any running cell. */
  async countNow(table: string): Promise<number | null> {
    try {
      return Number((await this.pageConnection.runAndReadAll(`SELECT count(*) FROM ${quoteIdent(table)}`)).getRowsJson()[0][0]);
    } catch {
      return null;
    }
  }

  /** Runs a statement of the lane that may change `targets` through the write watch (WriteWatch); its transaction notes them. */
  private watched<T>(targets: WriteTargets, statement: () => Promise<T>, remade?: string, sql = ''): Promise<T> {
    const guarded = this.writes.guard(() => this.namedResults(), this.conn, targets, statement, remade);
    return this.transaction.writes(sql, targets, guarded);
  }

  /** A table's fingerprint now, or null when it is gone; on the paging connection, beside any running cell. */
  fingerprintNow(table: string): Promise<Fingerprint | null> {
    return tableFingerprint(this.pageConnection, table);
  }

  /**
   * From now on the grid of `r` is told `why` instead of paging rows its count no longer matches;
   * unless its cell ran again meanwhile (a live re-run), which made it a new, current result.
   */
  markChanged(r: NamedResult, why: string): boolean {
    if (this.handles.get(r.handle) !== r.held) return false;
    this.changed.set(r.handle, why);
    return true;
  }

  /**
   * Turns a result held in memory (a DataFrame or records a TypeScript cell displayed) into a
   * table under its handle, so exports and publishing stream it like any SQL result.
   */
  async materialise(handle: string): Promise<void> {
    const h = this.handles.get(handle);
    if (!h?.memory) return;
    const { columns, rows } = h.memory;
    // On the grid's connection: committed at once, so every connection sees it, even while the
    // user's connection is inside a transaction, and it does not wait for a running cell.
    if (rows.length > 0) await this.registerRows(handle, columns, rows, this.pageConnection);
    else
      await this.pageConnection.run(
        `CREATE OR REPLACE TABLE ${quoteIdent(handle)} (${columns.map((c) => `${quoteIdent(c.name)} VARCHAR`).join(', ')})`,
      );
    this.handles.set(handle, { table: handle, columns: h.columns, rowCount: h.rowCount });
  }

  /** The table a result lives in: its handle, or the name it was given since (see rename). */
  tableOf(handle: string): string {
    return this.handles.get(handle)?.table ?? handle;
  }

  /**
   * Gives a result's table a name, in place (no copy, rowids kept): SQL can then use the name, and
   * the handle still pages the same rows for the grid. A named table is no longer the engine's to evict.
   */
  async rename(handle: string, name: string): Promise<void> {
    await this.materialise(handle);
    const h = this.handles.get(handle);
    if (!h?.table) {
      throw new SiltError('not-found', 'This result is no longer held by the session; run its cell again.');
    }
    if (h.table === name) return;
    await this.views.dropFor(handle);
    await this.watched([name.toLowerCase()], async () => {
      await this.conn.run(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
      await this.conn.run(`ALTER TABLE ${quoteIdent(h.table!)} RENAME TO ${quoteIdent(name)}`);
    });
    h.table = name;
  }

  /** Drops a result the session no longer needs (a table renamed to a user's name stays). */
  async forget(handle: string): Promise<void> {
    const h = this.handles.get(handle);
    this.handles.delete(handle);
    await this.views.dropFor(handle);
    if (h?.table === handle) await this.conn.run(`DROP TABLE IF EXISTS ${quoteIdent(h.table)}`);
  }

  /** Cancels the lane's running statement; DuckDB stops at its next check, well under a second. */
  interrupt(lane: Lane = 'user'): void {
    (lane === 'live' ? this.liveConnection : this.connection).interrupt();
  }

  /** Runs a query and returns its rows as objects (the TypeScript `sql` helper). */
  async query(sql: string): Promise<Record<string, unknown>[]> {
    try {
      const reader = await this.watched(sqlWriteTargets(sql), () => this.conn.runAndReadAll(sql), undefined, sql);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    } catch (e) {
      throw toSqlError(e, 1);
    } finally {
      await this.transaction.settle();
    }
  }

  /** All rows of a table or result, column-wise, with JS values (BIGINT as bigint, dates as Date). */
  async readColumns(table: string): Promise<{ columns: ColumnInfo[]; data: Record<string, unknown[]> }> {
    const reader = await this.conn.runAndReadAll(`SELECT * FROM ${quoteIdent(table)}`);
    const columns = reader.columnNames().map((name, i) => ({ name, type: reader.columnTypes()[i].toString() }));
    return { columns, data: reader.getColumnsObjectJS() as Record<string, unknown[]> };
  }

  /** Makes rows from TypeScript queryable as a table, letting DuckDB infer the column types. */
  async registerObjects(name: string, rows: Record<string, unknown>[], conn: DuckDBConnection = this.conn): Promise<void> {
    const read = (file: string) => `SELECT * FROM read_json_auto(${quoteLiteral(file)}, format='newline_delimited')`;
    await this.scratch.withObjects(rows, (file) =>
      this.watched([name.toLowerCase()], () => conn.run(`CREATE OR REPLACE TABLE ${quoteIdent(name)} AS ${read(file)}`)),
    );
  }

  /** Catalog reads that do not wait for a running cell (completions, checks, the variables panel). */
  readonly catalog: CatalogReads;

  /** The names of user tables and views, for completion and for TypeScript variables. */
  tableNames(): Promise<string[]> {
    return this.catalog.tableNames();
  }

  /** Every column of the tables tableNames() lists, with its DuckDB type. */
  columnNames(): Promise<{ table: string; column: string; type: string }[]> {
    return this.catalog.columnNames();
  }

  /** Whether a statement runs on the user's connection now (a cell's query, or anything else there). */
  userLaneBusy(): boolean {
    return this.queries.busy(this.connection);
  }

  private closing: Promise<void> | null = null;

  /**
   * Stops what is running on any of the engine's connections, waits for it to end, then closes the
   * database: closing under a running query crashes the process (see QueryTracker). Safe to call twice.
   */
  close(): Promise<void> {
    this.closing ??= this.queries.drain().then(() => {
      this.connection.closeSync();
      this.liveConnection.closeSync();
      this.pageConnection.closeSync();
      this.instance.closeSync();
      this.scratch.remove();
      rmSync(this.spill, { recursive: true, force: true });
    });
    return this.closing;
  }

  private registerRows(name: string, columns: ColumnInfo[], rows: CellValue[][], conn?: DuckDBConnection): Promise<void> {
    const names = columns.map((c) => c.name);
    return this.registerObjects(name, rowObjects(names, rows), conn);
  }

  private async remember(handle: string, where: { table?: string; memory?: MemoryResult }, knownRows?: number): Promise<SqlResult> {
    let columns: ColumnInfo[];
    let rowCount: number;
    let firstPage: CellValue[][];
    if (where.memory) {
      ({ columns } = where.memory);
      rowCount = where.memory.rows.length;
      firstPage = where.memory.rows.slice(0, FIRST_PAGE);
    } else {
      const reader = await this.conn.runAndReadAll(`SELECT * FROM ${quoteIdent(where.table!)} WHERE rowid < ${FIRST_PAGE} ORDER BY rowid`);
      columns = reader.columnNames().map((name, i) => ({ name, type: reader.columnTypes()[i].toString() }));
      firstPage = reader.getRowsJson() as CellValue[][];
      if (knownRows !== undefined) rowCount = knownRows;
      else rowCount = Number((await this.conn.runAndReadAll(`SELECT count(*) FROM ${quoteIdent(where.table!)}`)).getRowsJson()[0][0]);
    }
    this.handles.delete(handle);
    this.changed.delete(handle);
    // A re-run under the same name: any view of the old rows is stale.
    await this.views.dropFor(handle);
    this.handles.set(handle, { ...where, columns, rowCount });
    await this.evict();
    return { handle, columns, rowCount, firstPage };
  }

  private async evict(): Promise<void> {
    for (const [key, h] of this.handles) {
      if (this.handles.size <= MAX_HANDLES) break;
      // Named results (and results renamed since) belong to the notebook, not to this bound.
      if (!key.startsWith(this.resultPrefix) || (h.table !== undefined && h.table !== key)) continue;
      this.handles.delete(key);
      await this.views.dropFor(key);
      if (h.table) await this.conn.run(`DROP TABLE IF EXISTS ${quoteIdent(h.table)}`);
    }
  }
}
