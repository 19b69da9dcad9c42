import { SiltError } from '../../common/SiltError';

/** A report could not be written, for a reason the user can act on; the message says which. */
export class ReportError extends SiltError {
  override name = 'ReportError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('io', message, options);
  }
}
