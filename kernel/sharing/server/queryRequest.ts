import { badParam, SharingHttpError } from './SharingHttpError';

/** A validated Query Table request body (§Request Body plus the reference server's extensions). */
export interface QueryRequest {
  jsonPredicateHints?: string;
  limitHint?: number;
  version?: number;
  /** Epoch ms, from the ISO-8601 `timestamp`. */
  timestamp?: number;
  startingVersion?: number;
  endingVersion?: number;
  includeHistoricalProtocol: boolean;
  maxFiles?: number;
  pageToken?: string;
  includeRefreshToken: boolean;
  refreshToken?: string;
  /** Async queries: the same key on a retry gets the same query id. */
  idempotencyKey?: string;
}

/** Parses the JSON body and applies the reference server's rules (DELTA_SHARING.md §1.3). */
export function parseQueryBody(text: string): QueryRequest {
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new SharingHttpError(400, 'MALFORMED_REQUEST', 'the request body is not valid JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SharingHttpError(400, 'MALFORMED_REQUEST', 'the request body must be a JSON object');
  }
  const b = raw as Record<string, unknown>;
  const req: QueryRequest = {
    jsonPredicateHints: optString(b.jsonPredicateHints, 'jsonPredicateHints'),
    limitHint: optLong(b.limitHint, 'limitHint'),
    version: optLong(b.version, 'version'),
    timestamp: optTimestamp(b.timestamp, 'timestamp'),
    startingVersion: optLong(b.startingVersion, 'startingVersion'),
    endingVersion: optLong(b.endingVersion, 'endingVersion'),
    includeHistoricalProtocol: optBool(b.includeHistoricalProtocol, 'includeHistoricalProtocol'),
    maxFiles: optLong(b.maxFiles, 'maxFiles'),
    pageToken: optString(b.pageToken, 'pageToken') || undefined,
    includeRefreshToken: optBool(b.includeRefreshToken, 'includeRefreshToken'),
    refreshToken: optString(b.refreshToken, 'refreshToken') || undefined,
    idempotencyKey: optString(b.idempotencyKey, 'idempotencyKey') || undefined,
  };
  const timeTravel = [req.version, req.timestamp, req.startingVersion].filter((v) => v !== undefined).length;
  if (timeTravel > 1) throw badParam('only one of version, timestamp and startingVersion can be given');
  if (req.maxFiles !== undefined && req.maxFiles <= 0) throw badParam('maxFiles must be greater than 0');
  if (req.endingVersion !== undefined && req.startingVersion === undefined) throw badParam('endingVersion needs startingVersion');
  if (req.endingVersion !== undefined && req.startingVersion! > req.endingVersion) {
    throw badParam(`startingVersion ${req.startingVersion} is after endingVersion ${req.endingVersion}`);
  }
  if ((req.includeRefreshToken || req.refreshToken) && timeTravel > 0) {
    throw badParam(
      'includeRefreshToken and refreshToken only apply to the latest snapshot, not with version, timestamp or startingVersion',
    );
  }
  if ((req.includeRefreshToken || req.refreshToken) && req.pageToken) {
    throw badParam('includeRefreshToken and refreshToken cannot be combined with pageToken');
  }
  return req;
}

/** A non-negative Long; proto JSON may send int64 as a string. */
export function optLong(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw badParam(`${name} must be an integer`);
  if (n < 0) throw badParam(`${name} must not be negative`);
  return n;
}

/** ISO-8601 only (`2022-01-01T00:00:00Z`); epoch numbers are refused as the reference server does. */
export function optTimestamp(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const ms = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) throw badParam(`${name} must be an ISO-8601 time such as 2022-01-01T00:00:00Z`);
  return ms;
}

function optString(v: unknown, name: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badParam(`${name} must be a string`);
  return v;
}

function optBool(v: unknown, name: string): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw badParam(`${name} must be true or false`);
  return v;
}

/** The body of a §Get Query Info poll. */
export function parseQueryInfoBody(text: string): { maxFiles?: number; pageToken?: string } {
  const q = parseQueryBody(text);
  return { maxFiles: q.maxFiles, pageToken: q.pageToken };
}
