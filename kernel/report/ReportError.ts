import { SiltError } from '../../common/SiltError';
import type { ErrorCode } from '../../common/errorCode';

/**
 * A report could not be written, for a reason the user can act on; the message says which. The code
 * says what kind: a request it cannot honour (`bad-request`), a browser that is missing
 * (`unavailable`), or a failure while writing (`io`, the default).
 */
export class ReportError extends SiltError {
  override name = 'ReportError';
  constructor(message: string, code: ErrorCode = 'io', options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
