import { parseTableName } from '../../../common/tableName';
import { SharingError } from './SharingError';
import type { TableRef } from './types';

/** `share.schema.table` → parts, split from the right since only share names may contain `.` (checklist 4). */
export function parseTableRef(name: string): TableRef {
  try {
    return parseTableName(name);
  } catch (e) {
    throw new SharingError(`${(e as Error).message}; write it as share.schema.table`, 0, 'INVALID_TABLE_NAME', false);
  }
}

/** Names compare case-insensitively (checklist 4). */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** `/shares/{s}/schemas/{sc}/tables/{t}` with every segment percent-encoded (checklist 4). */
export function tablePath(ref: TableRef): string {
  return `/shares/${enc(ref.share)}/schemas/${enc(ref.schema)}/tables/${enc(ref.table)}`;
}

export function enc(segment: string): string {
  return encodeURIComponent(segment);
}

/** The client's name for formatTableName; the client's messages call it often (rename once H2 has landed). */
export { formatTableName as refName } from '../../../common/tableName';

/** ISO-8601 UTC with `Z` (checklist 15); accepts a Date, epoch ms or any parseable string. */
export function isoTimestamp(t: string | number | Date): string {
  const ms = t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(ms)) throw new SharingError(`"${String(t)}" is not a timestamp`, 0, 'INVALID_TIMESTAMP', false);
  return new Date(ms).toISOString();
}
