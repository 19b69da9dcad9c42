/**
 * Reads of a session's catalog (and row counts of committed tables) that never wait for a running
 * cell: completions, TypeScript checks and the variables panel ask while one runs, and on its
 * connection they would wait for its end (a 10 s query held completions for 10 s).
 *
 * The user's connection answers when nothing runs on it, as only it sees the cells' TEMP tables;
 * otherwise the grid's paging connection answers, and the TEMP rows of the last read made on the
 * user's connection are added. Inside a live re-run, the live connection answers.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { toSqlError } from './SqlError';

export interface CatalogConnections {
  user: DuckDBConnection;
  page: DuckDBConnection;
  live: DuckDBConnection;
  /** Whether a statement runs on the user's connection now. */
  userBusy(): boolean;
  /** Whether the caller runs in a live re-run. */
  inLiveLane(): boolean;
}

const TABLES_SQL = `SELECT table_catalog = 'temp', table_name FROM information_schema.tables WHERE table_name NOT LIKE '__silt_%'`;
const COLUMNS_SQL = `SELECT table_catalog = 'temp', table_name, column_name, data_type FROM information_schema.columns WHERE table_name NOT LIKE '__silt_%' ORDER BY table_name, ordinal_position`;

/** The TEMP tables' columns, as COLUMNS_SQL's TEMP rows without their first column. */
const TEMP_COLUMNS_SQL = `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_catalog = 'temp' AND table_name NOT LIKE '__silt_%' ORDER BY table_name, ordinal_position`;

export class CatalogReads {
  /** The TEMP rows of each read's last answer on the user's connection, by its SQL. */
  private readonly tempRows = new Map<string, unknown[][]>([
    [TABLES_SQL, []],
    [COLUMNS_SQL, []],
  ]);

  constructor(private readonly c: CatalogConnections) {}

  /** The names of user tables and views, for completion and for TypeScript variables. */
  async tableNames(): Promise<string[]> {
    const rows = await this.read(TABLES_SQL);
    return rows.map((r) => String(r[1])).sort();
  }

  /** Every column of the tables tableNames() lists, with its DuckDB type. */
  async columnNames(): Promise<{ table: string; column: string; type: string }[]> {
    const rows = await this.read(COLUMNS_SQL);
    return rows.map((r) => ({ table: String(r[1]), column: String(r[2]), type: String(r[3]) }));
  }

  /**
   * Reads again, on the user's connection while it is free, what the reads keep of its TEMP tables:
   * called when a run changed them, so a TEMP table made just before a long cell is known while that
   * cell runs, though nothing asked in between. False when a statement has the connection. Reads
   * asked meanwhile wait for it, since its own query makes the connection look busy.
   */
  async refreshTemp(): Promise<boolean> {
    if (this.c.userBusy()) return false;
    return this.refreshTempOn(this.c.user);
  }

  /**
   * The same read on `user`, the user's connection, by its owner between two statements of a run
   * (LaneState after a CREATE TEMP or a DROP): it is not busy then, though a run holds it.
   */
  async refreshTempOn(user: DuckDBConnection): Promise<boolean> {
    const reading = this.readTemp(user);
    this.refreshing = reading.catch(() => undefined);
    try {
      await reading;
      return true;
    } catch {
      return false;
    } finally {
      this.refreshing = null;
    }
  }

  private async readTemp(user: DuckDBConnection): Promise<void> {
    const rows = (await user.runAndReadAll(TEMP_COLUMNS_SQL)).getRowsJson();
    const tables = [...new Set(rows.map((r) => String(r[0])))];
    const fresh = new Map<string, unknown[][]>([
      [TABLES_SQL, tables.map((t) => [true, t])],
      [COLUMNS_SQL, rows.map((r) => [true, ...r])],
    ]);
    // Any other read kept (the variables panel's) is asked again, or it would list the TEMP tables
    // of its own last idle read only, and miss one a running cell made since.
    for (const sql of this.tempRows.keys()) {
      if (!fresh.has(sql))
        fresh.set(
          sql,
          (await user.runAndReadAll(sql)).getRowsJson().filter((r) => r[0] === true),
        );
    }
    for (const [sql, temp] of fresh) this.tempRows.set(sql, temp);
  }

  private refreshing: Promise<unknown> | null = null;

  /** Rows of a catalog query whose first column says whether a row is TEMP (`table_catalog = 'temp'`). */
  async read(sql: string): Promise<unknown[][]> {
    if (this.refreshing) await this.refreshing;
    return this.readNow(sql);
  }

  private async readNow(sql: string): Promise<unknown[][]> {
    if (this.c.inLiveLane()) return (await this.c.live.runAndReadAll(sql)).getRowsJson();
    if (!this.c.userBusy()) {
      const rows = (await this.c.user.runAndReadAll(sql)).getRowsJson();
      this.tempRows.set(
        sql,
        rows.filter((r) => r[0] === true),
      );
      return rows;
    }
    const rows = (await this.c.page.runAndReadAll(sql)).getRowsJson();
    return [...rows, ...(this.tempRows.get(sql) ?? [])];
  }

  /** A read-only query of committed tables (the variables panel's row counts), as objects. */
  async peek(sql: string): Promise<Record<string, unknown>[]> {
    const conn = this.c.inLiveLane() ? this.c.live : this.c.userBusy() ? this.c.page : this.c.user;
    try {
      return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
    } catch (e) {
      throw toSqlError(e, 1);
    }
  }
}
