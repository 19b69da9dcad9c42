/**
 * One connection object that forwards every call to the connection of the lane it is made in, for
 * parts that hold one connection for good (SharedTables creates a cell's views through it: in a live
 * re-run they must be created on the live connection, where the re-run's query can see them).
 * `run` and `runAndReadAll` go through `watched` (expectations drop rows in place through it: its
 * statements are watched like a cell's, see WriteWatch).
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export function laneConnection(
  shape: DuckDBConnection,
  current: () => DuckDBConnection,
  watched: <T>(sql: string, statement: () => Promise<T>) => Promise<T>,
): DuckDBConnection {
  return new Proxy(shape, {
    get: (_target, prop) => {
      const conn = current() as unknown as Record<PropertyKey, unknown>;
      const value = conn[prop];
      if (typeof value !== 'function') return value;
      const fn = (value as (...args: unknown[]) => Promise<unknown>).bind(conn);
      if (prop !== 'run' && prop !== 'runAndReadAll') return fn;
      return (sql: string, ...rest: unknown[]) => watched(sql, () => fn(sql, ...rest));
    },
  });
}
