/** A problem with the user's input or request, worded for the user; never a crash. */
export class AutoMLError extends Error {
  override readonly name = 'AutoMLError';
}
