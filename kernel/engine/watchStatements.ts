/**
 * A connection whose statement-running calls (run, runAndReadAll, stream, …) go through `around`,
 * which sees the SQL and the statement's result (its type says what kind of statement ran) or its
 * failure. LaneState (connection-local settings, TEMP names) and UserTransaction (the analyst's
 * BEGIN … COMMIT) both follow the user's connection this way; every other call passes straight on.
 */
import type { DuckDBConnection, StatementType } from '@duckdb/node-api';

/** The methods whose result says which kind of statement ran. */
const RUNS = new Set<PropertyKey>(['run', 'runAndRead', 'runAndReadAll', 'runAndReadUntil', 'stream', 'streamAndRead', 'streamAndReadAll']);

export type Ran = { statementType: StatementType };

export function watchStatements(conn: DuckDBConnection, around: (sql: string, run: () => Promise<Ran>) => Promise<Ran>): DuckDBConnection {
  return new Proxy(conn, {
    get: (target, prop) => {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (!RUNS.has(prop)) return fn.bind(target);
      return (...args: unknown[]) => around(String(args[0] ?? ''), () => fn.apply(target, args) as Promise<Ran>);
    },
  });
}
