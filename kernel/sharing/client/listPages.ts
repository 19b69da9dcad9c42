import type { HttpCore, Response } from './HttpCore';
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
    const query = { maxResults: PAGE, pageToken };
    // The body is read inside the retry, so a page cut mid-way is asked for again.
    const read = async () => readJson(await http.call(path, { what, query, signal }), what);
    const json = (await http.withRetries(what, signal, read)) as { items?: T[]; nextPageToken?: unknown };
    out.push(...(Array.isArray(json.items) ? json.items : []));
    pageToken = typeof json.nextPageToken === 'string' && json.nextPageToken ? json.nextPageToken : undefined;
    if (pageToken && seen.has(pageToken)) throw protocolError(`${what}: the server repeated a page token`);
    if (pageToken) seen.add(pageToken);
  } while (pageToken);
  return out;
}

/** A JSON object body; anything else is a damaged answer (retryable: it may have been cut). */
export async function readJson(res: Response, what: string): Promise<Record<string, unknown>> {
  const text = await res.body.text();
  try {
    const json = JSON.parse(text) as unknown;
    if (json && typeof json === 'object' && !Array.isArray(json)) return json as Record<string, unknown>;
  } catch {
    // reported below
  }
  const message = `${what}: the server's answer is not a JSON object; it may have been cut short`;
  throw protocolError(message, 'TRUNCATED_RESPONSE', true);
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
