import { SiltError } from '../../common/SiltError';

/** A problem with the user's input or request, worded for the user; never a crash. */
export class AutoMLError extends SiltError {
  override readonly name = 'AutoMLError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('bad-request', message, options);
  }
}
