/**
 * The closed set of error codes that every layer shares: thrown as `SiltError.code` in the kernel,
 * carried through session IPC and the WebSocket, and shown by code in the window. A new failure
 * picks the code that tells the user what to do next; `internal` is a bug, never a verdict on input.
 */
export const ERROR_CODES = [
  /** The request or input is malformed (bad params, bad SQL, a malformed profile). */
  'bad-request',
  /**
   * The request names no method of the host or its sessions (a window of another Silt version, a
   * script's typo); unlike `bad-request`, the method itself is what is missing, not its params.
   */
  'unknown-method',
  /** The window and the kernel speak different protocol versions: reload the window. */
  'protocol-version',
  /** The thing asked for does not exist (a file, a table, a result that was evicted). */
  'not-found',
  /** The window lost its link to the kernel host (it reconnects by itself). */
  'disconnected',
  /** The session process ended under the request. */
  'session-gone',
  /** A server refused the credentials (HTTP 401) or the profile expired. */
  'unauthorized',
  /** The credentials were accepted but do not allow this (HTTP 403). */
  'forbidden',
  /** A server could not be reached or answered 5xx / 429 after the retry budget. */
  'unavailable',
  /** Data on disk or on the wire is damaged (a corrupt commit, Parquet file or frame). */
  'corrupt',
  /** The input is valid but uses something Silt cannot handle (a Delta feature, a type). */
  'unsupported',
  /** Something changed underneath (a commit race, a file changed since it was opened). */
  'conflict',
  /** The input is over a size limit that still applies. */
  'too-large',
  /** The user or Silt stopped it. */
  'cancelled',
  /** A local file system failure (permissions, a full disk). */
  'io',
  /** A bug in Silt: the message says what failed. */
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
