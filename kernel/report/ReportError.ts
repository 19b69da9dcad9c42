/** A report could not be written, for a reason the user can act on; the message says which. */
export class ReportError extends Error {
  override name = 'ReportError';
}
