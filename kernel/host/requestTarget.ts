/**
 * The path a request asks for, decoded once and safely. `req.url` comes straight off the wire: it
 * may not parse as a URL, or carry a broken percent-escape (`/%E0%A4%A`) or a NUL byte. Each of
 * those is a 400 for the caller, never an exception in the host.
 */
export interface RequestTarget {
  url: URL;
  /** The decoded pathname, e.g. `/assets/app.js`. */
  path: string;
}

export function parseRequestTarget(raw: string | undefined): RequestTarget | null {
  let url: URL;
  try {
    // Only origin-form targets ("/path?query") are ours; "//x" or "http://x/" would re-point the base.
    if (!raw || !raw.startsWith('/') || raw.startsWith('//')) return null;
    url = new URL(raw, 'http://127.0.0.1');
  } catch {
    return null;
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  return { url, path };
}
