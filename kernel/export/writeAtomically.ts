/**
 * Writes a file under a temporary name next to its destination and renames it at the end, so the
 * destination name only ever holds a complete file: a failure, a full disk or a cancel leaves
 * nothing behind (and an older file of that name untouched).
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFailure } from './ExportError';

/** `write` receives the temporary path, which already exists (empty) so permissions fail early. */
export async function writeAtomically(dest: string, write: (tmp: string) => Promise<void>): Promise<{ bytes: number }> {
  const tmp = join(dirname(dest), `.${basename(dest)}.${randomBytes(4).toString('hex')}.part`);
  try {
    await (await open(tmp, 'wx', 0o644)).close();
  } catch (e) {
    throw writeFailure(e, dest);
  }
  try {
    await write(tmp);
    const { size } = await stat(tmp);
    await rename(tmp, dest);
    return { bytes: size };
  } catch (e) {
    await rm(tmp, { force: true });
    throw writeFailure(e, dest);
  }
}
