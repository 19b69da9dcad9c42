import { SiltError } from '../../common/SiltError';

/** A file that is not a notebook Silt can open; the message says what is wrong and what to do. */
export class NotebookFormatError extends SiltError {
  override name = 'NotebookFormatError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('corrupt', message, options);
  }
}
