/**
 * The DuckDB table behind a result handle. SQL results live in tables (see DuckEngine), which
 * is what lets an export stream them with COPY or by rowid ranges instead of holding them in memory.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DuckEngine } from '../engine/DuckEngine';
import { SiltError } from '../../common/SiltError';
import { quoteIdent } from '../../common/sqlQuote';
import { ExportError } from './ExportError';

export interface ResultTable {
  /** The table's name, unquoted. */
  table: string;
  rowCount: number;
  /** One past the largest rowid: chunks by rowid cover [0, rowEnd) even after deletes left gaps. */
  rowEnd: number;
}

/** `conn` reads the table: a connection of the export's own, so it need not wait for a running cell. */
export async function resultTable(engine: DuckEngine, handle: string, conn: DuckDBConnection): Promise<ResultTable> {
  if (handle === '') {
    const why = 'This result was loaded from the notebook file and the session does not hold it';
    throw new ExportError(`${why}: run the cell first.`, 'not-found');
  }
  try {
    await engine.page(handle, 0, 0);
  } catch (e) {
    // A named result whose table later SQL changed says so in its own words (changedResults.ts).
    if (e instanceof SiltError && e.code === 'conflict') throw new ExportError(e.message, 'conflict');
    const why = 'The session no longer holds this result (it was dropped or the kernel restarted)';
    throw new ExportError(`${why}: run the cell first.`, 'not-found');
  }
  // A result a TypeScript cell displayed is held as rows; it becomes a table first.
  await engine.materialise(handle);
  const table = engine.tableOf(handle);
  if (!(await isTable(conn, table))) throw new ExportError('This result is not held as a table; run its cell again.', 'not-found');
  const reader = await conn.runAndReadAll(`SELECT count(*), coalesce(max(rowid) + 1, 0) FROM ${quoteIdent(table)}`);
  const [count, end] = reader.getRowsJson()[0];
  return { table, rowCount: Number(count), rowEnd: Number(end) };
}

async function isTable(conn: DuckDBConnection, name: string): Promise<boolean> {
  const reader = await conn.runAndReadAll(`SELECT count(*) FROM duckdb_tables() WHERE table_name = $1`, [name]);
  return Number(reader.getRowsJson()[0][0]) > 0;
}
