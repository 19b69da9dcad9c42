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

/** DuckDB's words for a data file it cannot read: the file is damaged, not the network. */
const DAMAGED_FILE = /parquet|magic bytes|invalid.*file|corrupt/i;

export function liveFailure(e: unknown): LiveFailure {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof SharingError) return { code: e.code, message, permanent: HOPELESS.has(e.code) && !e.retryable };
  if (e instanceof SiltError) return { code: e.code, message, permanent: HOPELESS.has(e.code) };
  // A DuckDB error while reading downloaded files (a Parquet file that is not one).
  if (DAMAGED_FILE.test(message)) {
    const damagedFiles = [...new Set([...message.matchAll(/'([^'\n]+\.parquet)'/g)].map((m) => m[1]))];
    // DuckDB's first line says what is wrong; the rest echoes the generated SQL and local paths.
    const what = message
      .split('\n')[0]
      .replace(/\s*'[^']*'/g, '')
      .trim();
    return { code: 'corrupt', message: `a data file is damaged (${what})`, permanent: true, damagedFiles };
  }
  return { code: 'internal', message, permanent: false };
}
