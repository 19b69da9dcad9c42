/**
 * The live tables' own DuckDB connection to the session's database. Increments are written through it
 * in transactions, so they never wait for a cell running on the session's connection and a running
 * query keeps its snapshot (DuckDB's MVCC).
 *
 * DuckEngine does not yet expose a way to open a second connection; until it does (a public
 * `connect()` on DuckEngine, owned by the engine), this reads its instance field by name. TypeScript
 * allows that access by design; the test suite fails loudly if the field is ever renamed.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { DuckEngine } from '../../engine/DuckEngine';
import { SiltError } from '../../../common/SiltError';

export async function openLiveConnection(engine: DuckEngine): Promise<DuckDBConnection> {
  const own = (engine as unknown as { connect?: () => Promise<DuckDBConnection> }).connect;
  if (typeof own === 'function') return own.call(engine);
  const instance = engine['instance'] as DuckDBInstance | undefined;
  if (!instance) throw new SiltError('internal', 'the session database gives live tables no connection of their own');
  return instance.connect();
}
