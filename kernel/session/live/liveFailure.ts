/**
 * What a failed poll or catch-up means for a live table: its code, its reason, and whether polling
 * again can help. A corrupt or unsupported table, or credentials the server refuses, fail the same way
 * on every retry, so the table stops and says so instead of promising a retry forever.
 */
import { SiltError } from '../../../common/SiltError';
import type { ErrorCode } from '../../../common/errorCode';
import { SharingError } from '../../sharing/client';

export interface LiveFailure {
  code: ErrorCode;
  message: string;
  /** Retrying on a timer cannot help; the user must act (then Retry). */
  permanent: boolean;
  /** Local files DuckDB found damaged (downloads to drop, so Retry fetches them again). */
  damagedFiles?: string[];
}

const HOPELESS = new Set<ErrorCode>(['corrupt', 'unsupported', 'unauthorized', 'forbidden']);

/**
 * DuckDB's words, in an Invalid Input error, for a data file it cannot read: the file is damaged.
 * Only the first line is read: the rest echoes the generated SQL, which names every Parquet file.
 */
const DAMAGED_FILE = /parquet|magic bytes|invalid.*file|corrupt/i;

/**
 * DuckDB's error kinds (the words before " Error:") that say the machine, not the data, failed: a
 * full disk or a file the cache lost (IO), memory (Out of Memory). Polling again may succeed.
 */
const RESOURCE_KINDS: Record<string, ErrorCode> = { IO: 'io', 'Out of Memory': 'unavailable' };

export function liveFailure(e: unknown): LiveFailure {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof SharingError) return { code: e.code, message, permanent: HOPELESS.has(e.code) && !e.retryable };
  if (e instanceof SiltError) return { code: e.code, message, permanent: HOPELESS.has(e.code) };
  const firstLine = message.split('\n')[0];
  const kind = /^([A-Za-z ]+?) Error:/.exec(firstLine)?.[1];
  if (kind !== undefined && RESOURCE_KINDS[kind]) return { code: RESOURCE_KINDS[kind], message: firstLine, permanent: false };
  // A DuckDB error while reading downloaded files (a Parquet file that is not one).
  if (kind === 'Invalid Input' && DAMAGED_FILE.test(firstLine)) {
    // The first line names the damaged file; the rest echoes the generated SQL and local paths.
    const damagedFiles = [...new Set([...firstLine.matchAll(/'([^'\n]+\.parquet)'/g)].map((m) => m[1]))];
    const what = firstLine.replace(/\s*'[^']*'/g, '').trim();
    return { code: 'corrupt', message: `a data file is damaged (${what})`, permanent: true, damagedFiles };
  }
  return { code: 'internal', message, permanent: false };
}
