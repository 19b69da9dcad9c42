/**
 * The Cookie header as name → value. Any local page can set a cookie for 127.0.0.1, so the header is
 * attacker-controlled: a value whose percent-escapes do not decode is dropped (never thrown), and
 * the first of several same-named cookies wins, as browsers send the most specific one first.
 */
export function parseCookies(header: string | string[] | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || cookies.has(name)) continue;
    const value = decodeOrNull(unquote(part.slice(eq + 1).trim()));
    if (value !== null) cookies.set(name, value);
  }
  return cookies;
}

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

function decodeOrNull(v: string): string | null {
  try {
    return decodeURIComponent(v);
  } catch {
    return null; // a broken escape such as %E0%A4%A
  }
}
