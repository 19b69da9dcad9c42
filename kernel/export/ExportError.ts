/**
 * A failed export or publish, with a message a user can act on. File system errors are translated
 * here so "EACCES" never reaches the screen and a full disk reads as a full disk.
 */
import { dirname } from 'node:path';
import type { ErrorCode } from '../../common/errorCode';
import { SiltError } from '../../common/SiltError';

export class ExportError extends SiltError {
  override name = 'ExportError';
  constructor(message: string, code: ErrorCode = 'io') {
    super(code, message);
  }
}

export class ExportCancelled extends ExportError {
  constructor() {
    super('The export was cancelled; no file was written.', 'cancelled');
  }
}

/** The user-facing form of an error raised while writing `path`. */
export function writeFailure(e: unknown, path: string): Error {
  if (e instanceof ExportError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  const text = e instanceof Error ? e.message : String(e);
  const dir = dirname(path);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || /permission denied|read-only file system/i.test(text)) {
    return new ExportError(`Cannot write to ${dir}: the folder is read-only or you lack permission. Choose another folder.`);
  }
  if (code === 'ENOSPC' || /no space left on device/i.test(text)) {
    return new ExportError(`The disk holding ${dir} is full; nothing was written to ${path}. Free some space or choose another disk.`);
  }
  if (code === 'ENOENT') return new ExportError(`The folder ${dir} does not exist.`);
  if (code === 'EISDIR') return new ExportError(`${path} is a folder; give a file name.`);
  return new ExportError(`Writing ${path} failed: ${text}`);
}
