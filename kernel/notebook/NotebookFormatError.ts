/** A file that is not a notebook Silt can open; the message says what is wrong and what to do. */
export class NotebookFormatError extends Error {
  override name = 'NotebookFormatError';
}
