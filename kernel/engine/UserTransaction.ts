/**
 * Whether a connection is inside a transaction its own SQL opened (the analyst's BEGIN … COMMIT), and
 * how a result is read there. Inside one, a result table would be the transaction's own: the grid's
 * connection cannot see it and its row ids are not 0…n-1, so DuckEngine keeps such rows in memory,
 * capped (readRows).
 *
 * Known from the statements that ran on the connection (watch), not asked before every SELECT: only a
 * statement DuckDB types TRANSACTION (BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT) or one
 * that failed can change it. After one of those the state is unknown, and DuckDB is asked again (two
 * `txid_current()` calls agree only inside a transaction) once (settle): DuckEngine settles it before a
 * run's cell or query answers, so the state is known when a live re-run's lane is chosen.
 * While a transaction is open, the tables its statements may change are kept (changed): a live re-run
 * that reads one must run inside it (userLaneReason).
 *
 * Asked of DuckDB 1.5 (test/integration/engine/userTransaction.test.ts): an error at execution (a bad
 * cast) aborts the transaction, while a parser or catalog error does not; in an aborted transaction
 * every query, `txid_current()` included, fails with "Current transaction is aborted (please
 * ROLLBACK)" until ROLLBACK, or COMMIT, which then rolls back.
 */
import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import type { CellValue, ColumnInfo } from '../protocol';
import { watchStatements } from './watchStatements';
import type { WriteTargets } from './writeTargets';

/**
 * `open`: inside a transaction; `aborted`: inside one that failed, where nothing runs until ROLLBACK;
 * `closed`: each statement commits by itself; `unknown`: a statement that may have changed it ran since.
 */
export type TransactionState = 'closed' | 'open' | 'aborted' | 'unknown';

/** What a live re-run's lane is chosen by (userLaneReason). */
export interface TransactionView {
  readonly state: TransactionState;
  readonly changed: ReadonlySet<string> | 'all';
}

const ABORTED = /Current transaction is aborted/i;
const TRANSACTION_WORD = /^\s*(begin|start|commit|end|rollback|abort)\b/i;

/** `main."Budget"` → `budget`: how a cell names the table, as a word. */
function lastPart(name: string): string {
  const parts = name.match(/"(?:[^"]|"")+"|[^."\s]+/g) ?? [name];
  return parts[parts.length - 1].replace(/^"|"$/g, '').replace(/""/g, '"').toLowerCase();
}

/**
 * Several statements sent as one string (a TypeScript cell's `query('BEGIN; UPDATE …')`) answer with
 * the last one's type: one of them may be BEGIN or COMMIT all the same. A false match (CASE … END)
 * costs only the two questions at the next SELECT.
 */
function hidesTransaction(sql: string): boolean {
  return /;\s*\S/.test(sql) && /\b(begin|start|commit|end|rollback|abort)\b/i.test(sql);
}

export class UserTransaction implements TransactionView {
  /** Rows of a result kept in memory inside an open transaction. */
  static readonly ROWS = 100_000;

  /** A fresh connection commits each statement by itself. */
  private current: TransactionState = 'closed';
  /** Tables (last part of the name, lower case) the transaction's statements may have changed; `all`: one could not be placed. */
  private written: Set<string> | 'all' = new Set();

  /** Told when settle learns a new state (a cell's COMMIT while it keeps running): a waiting re-run looks again. */
  private readonly settledListeners = new Set<() => void>();

  /** `conn`: where DuckDB is asked, the same connection as the one watched, without the watch. */
  constructor(private readonly conn: DuckDBConnection) {}

  /** Calls `fn` each time settle finds out whether a transaction is open; returns the unsubscribe. */
  onSettled(fn: () => void): () => void {
    this.settledListeners.add(fn);
    return () => this.settledListeners.delete(fn);
  }

  get state(): TransactionState {
    return this.current;
  }

  /** What the open (or maybe open) transaction may have changed: only its connection sees those tables so. */
  get changed(): ReadonlySet<string> | 'all' {
    return this.written;
  }

  /**
   * `statement`, which may change `targets` (writeTargets): once it ran inside a transaction (or after
   * it began one), they are the transaction's changes. BEGIN, COMMIT and the like place as `all` but
   * change no table themselves.
   */
  async writes<T>(sql: string, targets: WriteTargets, statement: Promise<T>): Promise<T> {
    const out = await statement;
    this.wrote(sql, targets);
    return out;
  }

  private wrote(sql: string, targets: WriteTargets): void {
    if (this.current === 'closed' || targets === 'none' || this.written === 'all') return;
    if (targets !== 'all') for (const t of targets) this.written.add(lastPart(t));
    else if (!TRANSACTION_WORD.test(sql)) this.written = 'all';
  }

  /** `conn` with every statement run through it seen here (its type when it ran; failed when it threw). */
  watch(conn: DuckDBConnection): DuckDBConnection {
    return watchStatements(conn, async (sql, run) => {
      try {
        const result = await run();
        if (result.statementType === StatementType.TRANSACTION || hidesTransaction(sql)) this.current = 'unknown';
        return result;
      } catch (e) {
        // Inside a transaction an error may have aborted it (an Interrupt too); outside, it left none.
        if (this.current !== 'closed' || hidesTransaction(sql)) this.current = 'unknown';
        throw e;
      }
    });
  }

  /** Whether a SELECT now runs inside an open transaction; asks DuckDB only when a statement may have changed that. */
  async isOpen(): Promise<boolean> {
    await this.settle();
    return this.current === 'open';
  }

  /** Asks DuckDB when the state is unknown (two `txid_current()` calls agree only inside a transaction). */
  async settle(): Promise<void> {
    if (this.current !== 'unknown') return;
    try {
      const id = async () => String((await this.conn.runAndReadAll('SELECT txid_current()')).getRowsJson()[0][0]);
      const first = await id();
      this.current = first === (await id()) ? 'open' : 'closed';
      if (this.current === 'closed') this.written = new Set();
    } catch (e) {
      // Anything else (an Interrupt landing on the question) leaves it unknown: asked again next time.
      if (ABORTED.test(String((e as Error).message))) this.current = 'aborted';
    }
    if (this.current !== 'unknown') for (const fn of [...this.settledListeners]) fn();
  }

  /**
   * A row-returning statement's rows, in memory: inside the open transaction, one row past the cap is
   * read (to know it capped) and the rest left unread; capped either way, with a note that says why.
   */
  static async readRows(
    conn: DuckDBConnection,
    sql: string,
    inTransaction: boolean,
  ): Promise<{ columns: ColumnInfo[]; rows: CellValue[][]; note?: string }> {
    const reader = inTransaction ? await conn.runAndReadUntil(sql, UserTransaction.ROWS + 1) : await conn.runAndReadAll(sql);
    const columns = reader.columnNames().map((name, i) => ({ name, type: reader.columnTypes()[i].toString() }));
    return { columns, ...UserTransaction.capped(reader.getRowsJson() as CellValue[][], inTransaction) };
  }

  /**
   * At most ROWS rows, with the note said under the grid when some were left out. Rows also come here
   * outside a transaction, from statements other than a SELECT (INSERT … RETURNING, CALL): the note
   * names the reason that holds.
   */
  private static capped(rows: CellValue[][], inTransaction: boolean): { rows: CellValue[][]; note?: string } {
    if (rows.length <= UserTransaction.ROWS) return { rows };
    const first = `Showing the first ${UserTransaction.ROWS.toLocaleString('en-US')} rows: `;
    return {
      rows: rows.slice(0, UserTransaction.ROWS),
      note: inTransaction
        ? first +
          `inside an open transaction (BEGIN) a result is kept in memory, up to that many rows. ` +
          `COMMIT or ROLLBACK, then run the cell again to see all of them.`
        : first +
          `the rows a statement other than a SELECT returns (INSERT … RETURNING, CALL) are kept in memory, up to that many. ` +
          `A SELECT over what it wrote shows all of them.`,
    };
  }
}
