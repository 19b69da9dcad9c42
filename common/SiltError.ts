/**
 * The one error shape that crosses process boundaries: a code from the closed set and a message
 * written for a person. Domain errors in the kernel extend it with a fixed code; anything else is
 * turned into one by `toSiltError` at a boundary, so the window never has to guess from a class name.
 */
import { isErrorCode, type ErrorCode } from './errorCode';

/** What travels on the wire: plain data, so it survives JSON and structured clone alike. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

export class SiltError extends Error {
  override name = 'SiltError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toJSON(): ErrorInfo {
    return { code: this.code, message: this.message };
  }

  static fromInfo(info: ErrorInfo): SiltError {
    return new SiltError(info.code, info.message);
  }
}

/** Node's errno codes that mean "not there"; other E* codes are file system failures. */
const MISSING = new Set(['ENOENT', 'ENOTDIR']);
/** Node's errno codes of a connection that failed: the other side is unreachable, not our disk broken. */
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Any thrown value as a SiltError. A SiltError keeps its code; an error that carries a valid `code`
 * (one thrown across a boundary) keeps it too; Node's errors become `not-found`, `unavailable` (a
 * connection that failed) or `io`; everything else is `fallback` with its own message.
 */
export function toSiltError(e: unknown, fallback: ErrorCode = 'internal'): SiltError {
  if (e instanceof SiltError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  if (isErrorCode(code)) return new SiltError(code, message, { cause: e });
  if (typeof code === 'string' && MISSING.has(code)) return new SiltError('not-found', message, { cause: e });
  if (typeof code === 'string' && NETWORK.has(code)) return new SiltError('unavailable', message, { cause: e });
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return new SiltError('io', message, { cause: e });
  return new SiltError(fallback, message, { cause: e });
}

/** The wire form of any thrown value. */
export function errorInfo(e: unknown, fallback: ErrorCode = 'internal'): ErrorInfo {
  return toSiltError(e, fallback).toJSON();
}
