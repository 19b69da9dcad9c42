/**
 * Reads a result table in rowid ranges, one bounded chunk at a time, column-wise. Each chunk is its
 * own short query, so a page request or a cell can run on the session's connection between chunks
 * (a long-lived streaming result would be closed by them).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../../common/sqlQuote';
import type { PlannedColumn } from './columnPlan';
import { ExportCancelled } from './ExportError';
import type { ResultTable } from './resultTable';

export const CHUNK_ROWS = 65_536;

export interface Chunk {
  /** One array per planned column. */
  columns: unknown[][];
  length: number;
}

export async function* readChunks(
  conn: DuckDBConnection,
  source: ResultTable,
  plan: PlannedColumn[],
  signal?: AbortSignal,
  chunkRows = CHUNK_ROWS,
): AsyncGenerator<Chunk> {
  const select = plan.map((c) => c.sql).join(', ');
  for (let from = 0; from < source.rowEnd; from += chunkRows) {
    if (signal?.aborted) throw new ExportCancelled();
    const reader = await conn.runAndReadAll(
      `SELECT ${select} FROM ${quoteIdent(source.table)} WHERE rowid >= ${from} AND rowid < ${from + chunkRows} ORDER BY rowid`,
    );
    const columns = reader.getColumnsJS() as unknown[][];
    const length = reader.currentRowCount;
    if (length > 0) yield { columns, length };
  }
}

/** The column types of a result table, for planColumns. */
export async function describeTable(conn: DuckDBConnection, table: string) {
  const reader = await conn.runAndReadAll(`SELECT * FROM ${quoteIdent(table)} LIMIT 0`);
  const types = reader.columnTypes();
  return reader.columnNames().map((name, i) => ({ name, type: types[i] }));
}
