import type { HttpCore } from './HttpCore';
import { protocolError } from './SharingError';
import type { Share } from './types';

const PAGE = 500;

/**
 * Follows list pages to the end: `items` missing or [] are the same, and only a missing or ""
 * nextPageToken ends the listing, never a short page (checklist 1–3).
 */
export async function listAll<T>(http: HttpCore, path: string, what: string, signal?: AbortSignal): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let pageToken: string | undefined;
  do {
    const res = await http.call(path, { what, query: { maxResults: PAGE, pageToken }, signal });
    const json = (await res.body.json()) as { items?: T[]; nextPageToken?: string };
    out.push(...(Array.isArray(json.items) ? json.items : []));
    pageToken = json.nextPageToken || undefined;
    if (pageToken && seen.has(pageToken)) throw protocolError(`${what}: the server repeated a page token`);
    if (pageToken) seen.add(pageToken);
  } while (pageToken);
  return out;
}

/** Checklist 5: over-long descriptive fields are truncated, never rejected. */
export function truncateShare(s: Share): Share {
  const out: Share = { ...s };
  if (out.displayName && out.displayName.length > 255) out.displayName = out.displayName.slice(0, 255);
  if (out.comment && out.comment.length > 65536) out.comment = out.comment.slice(0, 65536);
  if (out.properties) {
    out.properties = Object.fromEntries(
      Object.entries(out.properties)
        .slice(0, 50)
        .map(([k, v]) => [k.slice(0, 255), String(v).slice(0, 1000)]),
    );
  }
  return out;
}
