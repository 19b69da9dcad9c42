/**
 * A session's DuckDB database. Bigger-than-memory queries spill to disk rather than get the session
 * killed: a memory limit (SILT_MEMORY_LIMIT, else half the RAM, as several notebooks may run) and a
 * spill folder of the engine's own in the user's cache (spillFolder.ts), removed when it closes.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { totalmem } from 'node:os';
import { SiltError } from '../../common/SiltError';
import { spillFolder } from './spillFolder';

export async function openInstance(path: string): Promise<{ instance: DuckDBInstance; spill: string }> {
  const limit = process.env.SILT_MEMORY_LIMIT || `${Math.floor(totalmem() / 2 / 1024 ** 2)}MiB`;
  const spill = spillFolder();
  const instance = await DuckDBInstance.create(path, { memory_limit: limit, temp_directory: spill }).catch((e: Error) => {
    throw new SiltError(
      'bad-request',
      `DuckDB refused memory limit "${limit}" or spill folder ${spill} (SILT_MEMORY_LIMIT, SILT_TEMP_DIR): ${e.message}`,
    );
  });
  return { instance, spill };
}
