/**
 * Writes a file so that a crash or a failure at any moment leaves either the old file or the new one
 * under its name, never half of each: write a temp file in the same folder (a rename is only atomic
 * within one file system), flush it to disk, rename it over the target, then flush the folder so the
 * rename itself survives a power cut.
 *
 * Temp files are named `.<target name>.<pid>.<8 hex digits>.tmp` (see `isAtomicTempName`). A crash
 * between creating one and renaming it leaves it behind; anything matching that pattern and not
 * held by a running process can be deleted at start.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeError } from './writeError';

const TEMP_NAME = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/** Where the new content of `path` is written before it is renamed into place. */
export function atomicTempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Whether a file name is one of ours: a temp file left behind by a write that never finished. */
export function isAtomicTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}

/**
 * Writes `content` to `path`, creating its folder. `mode` applies from the first byte written
 * (0o600 keeps a secret unreadable to others throughout). File system errors are thrown as they are.
 */
export function atomicWrite(path: string, content: string | Uint8Array, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = atomicTempPath(path);
  try {
    const fd = openSync(tmp, 'wx', mode);
    try {
      writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  fsyncFolderSync(dirname(path));
}

/** A file the user asked for (a report, a chart): written atomically, its failure worded for them. */
export function saveFile(path: string, content: string | Uint8Array): { path: string; bytes: number } {
  try {
    atomicWrite(path, content);
  } catch (e) {
    throw writeError(e, path);
  }
  return { path, bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength };
}

/**
 * For writers that stream into a path of their own (DuckDB's COPY, a zip stream): `write` receives
 * the temp path, which already exists (empty) so a folder that cannot be written fails before any
 * work. The folder is not created: exports go where the user chose. Errors come worded by
 * `writeError`, and a failure or a cancel leaves nothing behind.
 */
export async function writeAtomically(dest: string, write: (tmp: string) => Promise<void>): Promise<{ bytes: number }> {
  const tmp = atomicTempPath(dest);
  try {
    await (await open(tmp, 'wx', 0o644)).close();
  } catch (e) {
    throw writeError(e, dest);
  }
  try {
    await write(tmp);
    const file = await open(tmp, 'r+');
    try {
      await file.sync();
    } finally {
      await file.close();
    }
    const { size } = await stat(tmp);
    await rename(tmp, dest);
    await fsyncFolder(dirname(dest));
    return { bytes: size };
  } catch (e) {
    await rm(tmp, { force: true });
    throw writeError(e, dest);
  }
}

/** Some file systems refuse to fsync a folder (EISDIR, EINVAL); the rename has happened either way. */
function fsyncFolderSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort, see above
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

async function fsyncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  try {
    await handle?.sync();
  } catch {
    // best effort, see fsyncFolderSync
  } finally {
    await handle?.close();
  }
}
