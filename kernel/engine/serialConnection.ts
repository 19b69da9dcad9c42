/**
 * One DuckDB connection that several callers use at once: grids paging, sorting, filtering and
 * profiling, and the count after each run (changedResults.ts). Their statements run one after
 * another, never overlapping on the connection, which DuckDB does not promise to handle.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

const QUEUED = new Set<PropertyKey>(['run', 'runAndRead', 'runAndReadAll', 'stream', 'streamAndRead', 'streamAndReadAll', 'prepare']);

export function serialConnection(conn: DuckDBConnection): DuckDBConnection {
  let tail: Promise<unknown> = Promise.resolve();
  return new Proxy(conn, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (!QUEUED.has(prop)) return fn.bind(target);
      return (...args: unknown[]) => {
        const next = tail.then(() => fn.apply(target, args));
        tail = next.catch(() => undefined);
        return next;
      };
    },
  });
}
