import { SiltError } from '../../common/SiltError';
import type { ErrorCode } from '../../common/errorCode';

/**
 * A problem with the user's input or request, worded for the user; never a crash. Most are
 * `bad-request`; a data or model file that is missing or damaged says so with its own code.
 */
export class AutoMLError extends SiltError {
  override readonly name = 'AutoMLError';
  constructor(message: string, code: ErrorCode = 'bad-request', options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
