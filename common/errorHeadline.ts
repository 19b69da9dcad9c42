/**
 * A few words per error code, said first where an error is shown to a person (today a failed cell's
 * heading), so the kind of failure reads the same everywhere and tells the user what sort of thing
 * went wrong before the message says exactly what.
 */
import type { ErrorCode } from './errorCode';

const HEADLINES: Record<ErrorCode, string> = {
  'bad-request': 'Invalid request',
  'unknown-method': 'Unknown request',
  'protocol-version': 'Reload the window',
  'not-found': 'Not found',
  disconnected: 'Kernel connection lost',
  'session-gone': 'Session ended',
  unauthorized: 'Access refused',
  forbidden: 'Not allowed',
  unavailable: 'Server unreachable',
  corrupt: 'Damaged data',
  unsupported: 'Not supported',
  conflict: 'Changed meanwhile',
  'too-large': 'Too large',
  cancelled: 'Cancelled',
  io: 'File error',
  internal: 'Internal error',
};

export function errorHeadline(code: ErrorCode): string {
  return HEADLINES[code];
}
