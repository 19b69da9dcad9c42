/**
 * The one wording for a file Silt could not write (a report, a chart, an export, a published
 * profile), so the same full disk or read-only folder reads the same wherever it happens and
 * "EACCES" never reaches the screen. Each message names the file, and the folder when that is the
 * thing to change, and says what to do next.
 */
import { dirname } from 'node:path';
import { SiltError } from '../../common/SiltError';

/** A SiltError (code `io`, or `not-found` for a missing folder) for an error raised writing `path`. */
export function writeError(e: unknown, path: string): SiltError {
  // Already worded for the user (a cancelled export, a file too large for its format).
  if (e instanceof SiltError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const text = e instanceof Error ? e.message : String(e);
  const dir = dirname(path);
  const fail = (code: 'io' | 'not-found', why: string) => new SiltError(code, `Cannot write ${path}: ${why}`, { cause: e });
  const denied = code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
  if (denied || /permission denied|read-only file system/i.test(text)) {
    return fail('io', `the folder ${dir} is read-only or not yours to write in. Choose another folder.`);
  }
  if (code === 'ENOSPC' || code === 'EDQUOT' || /no space left on device/i.test(text)) {
    return fail('io', `the disk holding ${dir} is full; nothing was written. Free some space or choose another disk.`);
  }
  if (code === 'ENOENT') return fail('not-found', `the folder ${dir} does not exist.`);
  if (code === 'ENOTDIR') return fail('not-found', `part of ${dir} is a file, not a folder.`);
  if (code === 'EISDIR') return fail('io', 'that is a folder; add a file name.');
  return fail('io', text);
}
