/**
 * Runs `fn`, interrupting `conn` when `signal` aborts, again every 50 ms until `fn` settles: an
 * interrupt that lands between two statements, or before DuckDB has begun one (it clears the flag
 * when a query starts), would otherwise be lost and the query run on.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { SqlError } from './SqlError';

export async function stoppable<T>(conn: DuckDBConnection, signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
  if (!signal) return fn();
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    conn.interrupt();
    timer ??= setInterval(() => conn.interrupt(), 50);
  };
  if (signal.aborted) throw new SqlError('The query was interrupted.', undefined, 'Interrupted');
  signal.addEventListener('abort', stop, { once: true });
  try {
    return await fn();
  } finally {
    signal.removeEventListener('abort', stop);
    clearInterval(timer);
  }
}
