import { SiltError } from '../../../common/SiltError';
import type { ErrorCode } from '../../../common/errorCode';

/**
 * The one error type the client throws: a SiltError whose `code` tells the user what to do next
 * (see `sharingErrorCode`). `message` is written for a person (what failed, why, what to do);
 * `serverCode` is the server's machine code when there was one, else the client's own detail code;
 * `retryable` says whether trying again later may help. Messages never contain tokens or pre-signed
 * URLs' query strings.
 */
export class SharingError extends SiltError {
  override name = 'SharingError';
  constructor(
    message: string,
    /** HTTP status, or 0 when the failure was not an HTTP answer (network, protocol, local). */
    readonly status: number,
    /** Server error code (`errorCode`, Databricks `error_code`/`dsError`) or a client detail code. */
    readonly serverCode: string,
    readonly retryable: boolean,
    /** How long the server asked us to wait (Retry-After), when it said. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown; code?: ErrorCode },
  ) {
    super(options?.code ?? sharingErrorCode(status, serverCode), message, options);
  }

  /** The same failure told differently (more context, redacted), keeping every field and the cause. */
  withMessage(message: string): SharingError {
    const options = { cause: this.cause, code: this.code };
    return new SharingError(message, this.status, this.serverCode, this.retryable, this.retryAfterMs, options);
  }
}

/** Client detail codes and server codes that say more than the HTTP status. */
const BY_DETAIL: Record<string, ErrorCode> = {
  CANCELLED: 'cancelled',
  INVALID_PROFILE: 'bad-request',
  INVALID_ARGUMENT: 'bad-request',
  INVALID_TABLE_NAME: 'bad-request',
  INVALID_TIMESTAMP: 'bad-request',
  TOKEN_EXPIRED: 'unauthorized',
  CORRUPT_TABLE: 'corrupt',
  CORRUPT_FILE: 'corrupt',
  PROTOCOL_ERROR: 'corrupt',
  TRUNCATED_RESPONSE: 'corrupt',
  SIZE_MISMATCH: 'corrupt',
  BAD_DELETION_VECTOR: 'corrupt',
  NO_SCHEMA: 'corrupt',
  FILE_NOT_FOUND: 'not-found',
  FILE_GONE: 'conflict',
  DS_UNSUPPORTED_DELTA_TABLE_FEATURES: 'unsupported',
  UNSUPPORTED_PROTOCOL: 'unsupported',
  UNSUPPORTED_READER_FEATURES: 'unsupported',
  UNSUPPORTED_ACCESS_MODE: 'unsupported',
  UNSUPPORTED_PARTITION_TYPE: 'unsupported',
  UNSUPPORTED_OPERATION: 'unsupported',
  QUERY_FAILED: 'unavailable',
  QUERY_TIMEOUT: 'unavailable',
  OAUTH_UNREACHABLE: 'unavailable',
};

/** The SiltError code of a sharing failure: the detail code when it is telling, else the HTTP status. */
export function sharingErrorCode(status: number, serverCode: string): ErrorCode {
  const byDetail = BY_DETAIL[serverCode];
  if (byDetail) return byDetail;
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429 || status >= 500) return 'unavailable';
  if (status >= 400) return 'bad-request';
  // Not an HTTP answer: network failures (retryable client codes) mean the server is out of reach.
  return 'unavailable';
}

/** Hints for the codes a person can act on; others fall back to the server's message. */
const HINTS: Record<string, string> = {
  DS_UNSUPPORTED_DELTA_TABLE_FEATURES: 'the table uses Delta features this client cannot read; ask the provider to share it without them',
  RESOURCE_LIMIT_EXCEEDED: 'the table has too many files for the server to list; ask the provider to optimize it',
  RESOURCE_DOES_NOT_EXIST: 'check the share, schema and table names and that they are shared with you',
  CORRUPT_TABLE: 'the provider must repair the table; retrying will not help',
};

/** What happened, by status, in the words the user needs first. */
function statusCause(status: number): string {
  if (status === 401) return `the server refused the token (HTTP 401)`;
  if (status === 403) return `the server refused access (HTTP 403)`;
  if (status === 404) return `not found (HTTP 404)`;
  if (status === 429) return `the server is rate-limiting requests (HTTP 429)`;
  if (status >= 500) return `the server failed (HTTP ${status})`;
  return `the server refused the request (HTTP ${status})`;
}

/**
 * Turns an error response into a SharingError. Both dialects: the spec's `{errorCode, message}` and
 * Databricks' `{error_code, message, details:[{metadata:{dsError}}]}` (checklist 57). A body that is
 * empty (HEAD 404s, checklist 60) or not JSON is not parsed.
 */
export function errorFromResponse(status: number, body: string, what: string, retryAfterMs?: number): SharingError {
  let code = '';
  let serverMessage = '';
  const text = body.trim();
  if (text.startsWith('{')) {
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      code = str(json.errorCode) || str(json.error_code);
      serverMessage = str(json.message);
      const details = Array.isArray(json.details) ? json.details : [];
      for (const d of details) {
        const ds = str((d as { metadata?: Record<string, unknown> })?.metadata?.dsError);
        if (ds) code = ds;
      }
    } catch {
      // not JSON after all: keep the status-based message
    }
  } else if (text && text.length < 300 && !text.startsWith('<')) {
    serverMessage = text;
  }
  const retryable = status === 429 || status >= 500;
  const cause = code === 'CORRUPT_TABLE' ? `the table is corrupt (HTTP ${status})` : statusCause(status);
  const parts = [`${what} failed: ${cause}`];
  if (serverMessage) parts.push(redact(serverMessage));
  const hint = HINTS[code] ?? statusHint(status, retryAfterMs);
  if (hint) parts.push(hint);
  return new SharingError(parts.join(' — '), status, code || `HTTP_${status}`, retryable, retryAfterMs);
}

function statusHint(status: number, retryAfterMs?: number): string {
  if (status === 401) return 'get a fresh profile from the data provider';
  if (status === 403) return 'the profile is not allowed to read this; ask the data provider for access';
  if (status === 404) return 'it does not exist or is not shared with you';
  if (status === 429) return `retry${retryAfterMs ? ` after ${Math.ceil(retryAfterMs / 1000)} s` : ' later'}`;
  if (status >= 500) return 'retry later';
  return '';
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * Drops query strings from URLs (pre-signed signatures) and anything after "bearer" that looks like a
 * token: long, or with a digit. Plain words stay, so "invalid bearer token" still reads as English.
 */
export function redact(text: string): string {
  return String(text)
    .replace(/(https?:\/\/[^\s?"']+)\?[^\s"']*/g, '$1?…')
    .replace(/(bearer\s+)([A-Za-z0-9._~+/=-]+)/gi, (all, prefix: string, value: string) => (looksLikeSecret(value) ? `${prefix}***` : all));
}

function looksLikeSecret(value: string): boolean {
  return value.length >= 16 || (value.length >= 6 && /\d/.test(value));
}

export function protocolError(message: string, code = 'PROTOCOL_ERROR', retryable = false): SharingError {
  return new SharingError(message, 0, code, retryable);
}

/** The same error, its message prefixed with what was being done unless it already names `subject`. */
export function withContext(e: unknown, context: string, subject: string): unknown {
  if (!(e instanceof SharingError) || e.message.includes(subject)) return e;
  return e.withMessage(`${context}: ${e.message}`);
}
