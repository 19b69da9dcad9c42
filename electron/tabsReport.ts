/**
 * The page's `silt:tabs` message, checked before the shell believes it: the notebooks a window's tabs
 * show decide where the next double-clicked file goes, so a page that sent garbage (or far too much)
 * is refused rather than stored. The sender itself is checked first, by trustedIpc.
 */
import { isAbsolute } from 'node:path';
import { SiltError } from '../common/SiltError';

/** More tabs than anyone keeps open; a report beyond it is not a real window's. */
export const MAX_TABS = 500;
/** Longer than any real path (Linux PATH_MAX is 4096). */
export const MAX_PATH_CHARS = 4096;

export function parseTabsReport(payload: unknown): string[] {
  if (!Array.isArray(payload)) throw new SiltError('bad-request', 'silt:tabs expects a list of notebook paths.');
  if (payload.length > MAX_TABS) throw new SiltError('too-large', `silt:tabs lists ${payload.length} tabs; at most ${MAX_TABS} are taken.`);
  payload.forEach((p, i) => {
    if (typeof p !== 'string' || p.length === 0 || p.length > MAX_PATH_CHARS || p.includes('\0') || !isAbsolute(p)) {
      throw new SiltError('bad-request', `silt:tabs entry ${i} is not an absolute notebook path.`);
    }
  });
  return [...new Set(payload as string[])];
}
