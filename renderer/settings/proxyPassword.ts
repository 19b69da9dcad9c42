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

/** The proxy fields: the URL without a password, the password, and whether one is being typed into the URL. */
export interface ProxyFields {
  url: string;
  password: string;
  /** Keys typed into the URL after `user:` go to the password, until its `@`. */
  typingPassword: boolean;
}

/**
 * The proxy fields after the URL field's text became `next`. A whole `user:password@` leaves the
 * URL at once (a paste, or the `@` that ends a typed password). Before the `@`, what follows `user:`
 * and cannot be a port (not only digits) is a password being typed: it goes to the password field
 * key by key while the URL keeps `user:`. So a password typed into the URL never shows, save the
 * digits it may start with.
 */
export function editProxyUrl(f: ProxyFields, next: string): ProxyFields {
  const whole = splitProxyPassword(next);
  // `user:@`: the password is in its field already (typed there, or key by key from here).
  if (whole.password !== null) return { url: whole.url, password: whole.password || f.password, typingPassword: false };
  const m = /^([a-z][a-z0-9+.-]*:\/\/)?([^:@/[\]]*):([^@/]*)$/i.exec(next);
  if (!m || m[3] === '') return { url: next, password: f.password, typingPassword: false };
  const [, scheme = '', user, typed] = m;
  const url = `${scheme}${user}:`;
  if (f.typingPassword && f.url === url) return { url, password: f.password + typed, typingPassword: true };
  // Digits alone may be a port; anything else starts a password here.
  if (/^\d+$/.test(typed)) return { url: next, password: f.password, typingPassword: false };
  return { url, password: typed, typingPassword: true };
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
