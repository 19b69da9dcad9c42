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

export class CatalogReads {
  /** The TEMP rows of each read's last answer on the user's connection, by its SQL. */
  private readonly tempRows = new Map<string, unknown[][]>();

  constructor(private readonly c: CatalogConnections) {}

  /** The names of user tables and views, for completion and for TypeScript variables. */
  async tableNames(): Promise<string[]> {
    const rows = await this.read(
      `SELECT table_catalog = 'temp', table_name FROM information_schema.tables WHERE table_name NOT LIKE '__silt_%'`,
    );
    return rows.map((r) => String(r[1])).sort();
  }

  /** Every column of the tables tableNames() lists, with its DuckDB type. */
  async columnNames(): Promise<{ table: string; column: string; type: string }[]> {
    const rows = await this.read(
      `SELECT table_catalog = 'temp', table_name, column_name, data_type FROM information_schema.columns WHERE table_name NOT LIKE '__silt_%' ORDER BY table_name, ordinal_position`,
    );
    return rows.map((r) => ({ table: String(r[1]), column: String(r[2]), type: String(r[3]) }));
  }

  /** Rows of a catalog query whose first column says whether a row is TEMP (`table_catalog = 'temp'`). */
  async read(sql: string): Promise<unknown[][]> {
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
