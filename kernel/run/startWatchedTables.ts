/**
 * Makes the tables a watch run follows live in its session, before the first pass, so that pass
 * reads the same local copies the updates change and a version landing during it is not missed.
 */
import { SiltError } from '../../common/SiltError';
import { watchedTables } from '../../common/live/watchedTables';
import type { NotebookModel } from '../protocol';
import type { HeadlessSession } from './HeadlessSession';
import { liveCellsOf } from './liveCellsOf';
import type { TableVersion } from './LiveWatch';

export async function startWatchedTables(
  session: HeadlessSession,
  nb: NotebookModel,
  intervalMs: number | undefined,
): Promise<Map<string, TableVersion>> {
  const cells = liveCellsOf(nb);
  const { refs } = await session.call('live.refs', { cells });
  const tables = watchedTables(cells, refs);
  if (tables.length === 0)
    throw new SiltError('bad-request', 'Nothing to watch: no cell names a table shared by the profiles given (--profile FILE.share).');
  const versions = new Map<string, TableVersion>();
  for (const table of tables) {
    const info = await session.call('live.start', { table, ...(intervalMs !== undefined ? { intervalMs } : {}) });
    versions.set(info.table, { version: info.version, ...(info.landedAt !== undefined ? { landedAt: info.landedAt } : {}) });
  }
  return versions;
}
