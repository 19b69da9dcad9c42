/**
 * CSV, Parquet and JSON lines are written by DuckDB's COPY, which streams the table to disk in
 * bounded memory. Progress is DuckDB's own query progress, polled while the statement runs; a
 * cancel interrupts the statement.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral } from '../../common/sqlQuote';
import { ExportCancelled } from './ExportError';
import type { ResultTable } from './resultTable';

export type CopyFormat = 'csv' | 'parquet' | 'jsonl';

// The caller already writes to a temporary name; DuckDB's own tmp_ file would be left behind on interrupt.
const OPTIONS: Record<CopyFormat, string> = {
  csv: 'FORMAT csv, HEADER true, USE_TMP_FILE false',
  parquet: 'FORMAT parquet, COMPRESSION zstd, USE_TMP_FILE false',
  jsonl: 'FORMAT json, USE_TMP_FILE false',
};

const POLL_MS = 200;

export async function copyToFile(
  conn: DuckDBConnection,
  source: ResultTable,
  format: CopyFormat,
  path: string,
  opts: { signal?: AbortSignal; onRows?: (rows: number) => void } = {},
): Promise<void> {
  if (opts.signal?.aborted) throw new ExportCancelled();
  const onAbort = () => conn.interrupt();
  opts.signal?.addEventListener('abort', onAbort);
  await conn.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
  const timer = setInterval(() => {
    const p = conn.progress.percentage;
    if (p > 0) opts.onRows?.(Math.min(source.rowCount, Math.floor((p / 100) * source.rowCount)));
  }, POLL_MS);
  try {
    await conn.run(`COPY (SELECT * FROM ${quoteIdent(source.table)}) TO ${quoteLiteral(path)} (${OPTIONS[format]})`);
  } catch (e) {
    if (opts.signal?.aborted) throw new ExportCancelled();
    throw e;
  } finally {
    clearInterval(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    await conn.run('RESET enable_progress_bar; RESET enable_progress_bar_print');
  }
  opts.onRows?.(source.rowCount);
}
