import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeltaTableError } from './errors';

/**
 * Writes one commit file. The exclusive create ('wx') is the commit protocol on a local disk:
 * if another writer took the version first, this commit fails instead of overwriting it.
 */
export async function writeCommit(root: string, version: number, actions: object[]): Promise<void> {
  const logDir = join(root, '_delta_log');
  await mkdir(logDir, { recursive: true });
  const file = join(logDir, `${String(version).padStart(20, '0')}.json`);
  try {
    await writeFile(file, actions.map((a) => JSON.stringify(a)).join('\n') + '\n', { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new DeltaTableError(root, `version ${version} was committed by another writer; retry the operation`);
    }
    throw e;
  }
}
