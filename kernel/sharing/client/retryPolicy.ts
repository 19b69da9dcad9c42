/**
 * The one retry policy of the sharing client. Every request to a sharing server or to storage is
 * retried here and nowhere else: retries used to be nested (a retried call inside a retried page),
 * so one corrupt commit cost 36 requests and 42 s before a cell failed.
 *
 * What is retried is what may heal on its own within seconds: 429, 5xx, a cut connection or stream,
 * a read timeout. What is never retried is what a person must fix: a refused token (401/403), a
 * missing table (404), a bad request (400), a corrupt table. A refused connection means nothing is
 * listening; one quick second try covers a server that is restarting, and then the cell fails in
 * about a second instead of waiting out a backoff meant for a busy server.
 */
import type { SharingError } from './SharingError';

/** Attempts in all (the first one included) for a failure that may heal: 429, 5xx, cut streams. */
export const MAX_ATTEMPTS = 4;
/** Attempts in all when nothing listens at the address (refused, unknown host, unreachable). */
export const MAX_ATTEMPTS_UNREACHABLE = 2;
/** First wait; doubles per attempt with ±25 % jitter so many clients do not retry in step. */
export const FIRST_BACKOFF_MS = 250;
/** No single wait is longer: a server asking (Retry-After) for a longer one gets an answer at once. */
export const MAX_BACKOFF_MS = 4_000;
/**
 * Total time one operation may spend failing and waiting before it gives up: a cell that cannot
 * read its table says why well within 20 s, however the failures are spread.
 */
export const RETRY_BUDGET_MS = 12_000;

export interface RetryLimits {
  maxAttempts: number;
  maxAttemptsUnreachable: number;
  firstBackoffMs: number;
  maxBackoffMs: number;
  budgetMs: number;
}

export const DEFAULT_RETRY_LIMITS: RetryLimits = {
  maxAttempts: MAX_ATTEMPTS,
  maxAttemptsUnreachable: MAX_ATTEMPTS_UNREACHABLE,
  firstBackoffMs: FIRST_BACKOFF_MS,
  maxBackoffMs: MAX_BACKOFF_MS,
  budgetMs: RETRY_BUDGET_MS,
};

/** Client detail codes of failures where nothing answered at the address. */
const UNREACHABLE = new Set(['CONNECTION_REFUSED', 'HOST_NOT_FOUND', 'HOST_UNREACHABLE']);

/**
 * How long to wait before attempt `attempts + 1`, or undefined to give up now. `attempts` is how
 * many were made; `elapsedMs` is the time since the first one started.
 */
export function retryDelay(err: SharingError, attempts: number, elapsedMs: number, limits: RetryLimits): number | undefined {
  if (!err.retryable) return undefined;
  const max = UNREACHABLE.has(err.serverCode) ? Math.min(limits.maxAttemptsUnreachable, limits.maxAttempts) : limits.maxAttempts;
  if (attempts >= max) return undefined;
  // A server asking for a longer wait than the budget allows gets an answer now, not a silent stall.
  if ((err.retryAfterMs ?? 0) > limits.maxBackoffMs) return undefined;
  const backoff = limits.firstBackoffMs * 2 ** (attempts - 1) * (0.75 + Math.random() * 0.5);
  const wait = Math.min(limits.maxBackoffMs, Math.max(err.retryAfterMs ?? 0, backoff));
  if (elapsedMs + wait > limits.budgetMs) return undefined;
  return wait;
}
