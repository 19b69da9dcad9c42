/**
 * A proxy URL's password kept apart from the rest of it, so the window never shows it in the URL
 * field: `http://analyst:s3cret@proxy:3128` is the URL `http://analyst@proxy:3128` and the password
 * `s3cret`. The password is percent-decoded for its field and encoded when the URL is put back
 * together (undici decodes it before sending Proxy-Authorization), so `@`, `:` or `/` in it are safe.
 * The kernel's `****` (a saved password it does not send) goes through unchanged: `*` needs no escape.
 */

/** The URL without its password, and the password (null when the URL has none). */
export function splitProxyPassword(proxy: string): { url: string; password: string | null } {
  // As the kernel's maskProxy reads it: the user is up to the first `:`, the password up to the last
  // `@` before the host's first `/` (a raw @ in a password is still part of the password).
  const m = /^([a-z][a-z0-9+.-]*:\/\/)?([^:@/]*):([^/]*)@/i.exec(proxy);
  if (!m) return { url: proxy, password: null };
  const [whole, scheme = '', user, password] = m;
  return { url: `${scheme}${user}@${proxy.slice(whole.length)}`, password: decode(password) };
}

/** The URL with `password` after its user (an empty user when it names none); the URL alone without one. */
export function joinProxyPassword(url: string, password: string): string {
  if (!password || !url.trim()) return url;
  const encoded = encodeURIComponent(password);
  const m = /^([a-z][a-z0-9+.-]*:\/\/)?(?:([^:@/]*)@)?/i.exec(url.trim())!;
  const [whole, scheme = '', user = ''] = m;
  return `${scheme}${user}:${encoded}@${url.trim().slice(whole.length)}`;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A raw `%` that starts no escape: the password as written.
    return text;
  }
}

/** The kernel's stand-in for a saved password it does not send (kernel/net/networkSettings.ts). */
export const SAVED_PASSWORD = '****';

/**
 * Whether the saved password would be lost: the kernel keeps it only when the proxy comes back
 * exactly as it was shown (its address unchanged), and otherwise would save `****` itself.
 */
export function savedPasswordLost(shownUrl: string, url: string, password: string): boolean {
  // An empty URL drops the proxy (and its password) on purpose.
  return password === SAVED_PASSWORD && url.trim() !== '' && url.trim() !== shownUrl.trim();
}
