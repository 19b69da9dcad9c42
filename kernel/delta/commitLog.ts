import { link, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicTempPath } from '../fs/atomicWrite';
import { DeltaTableError } from './errors';

/**
 * Writes one commit file. The commit is written to a temp file and then hard-linked under its
 * version's name: the link fails if another writer took the version first (so a commit never
 * overwrites one), and a reader listing the log never sees a half-written commit.
 */
export async function writeCommit(root: string, version: number, actions: object[]): Promise<void> {
  const logDir = join(root, '_delta_log');
  await mkdir(logDir, { recursive: true });
  const file = join(logDir, `${String(version).padStart(20, '0')}.json`);
  // A random tag, not the time: two commits from one process in the same millisecond (two publishes
  // racing) must not share a temp file, or one links the other's content and then finds it gone.
  const tmp = atomicTempPath(file);
  await writeFile(tmp, actions.map((a) => JSON.stringify(a)).join('\n') + '\n');
  try {
    await link(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new DeltaTableError(root, `version ${version} was committed by another writer; retry the operation`, 'conflict');
    }
    throw e;
  } finally {
    await rm(tmp, { force: true });
  }
}
