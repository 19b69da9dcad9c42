/**
 * A failed export or publish, with a message a user can act on. File system errors are worded by
 * kernel/fs/writeError, the same for every file Silt writes.
 */
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
