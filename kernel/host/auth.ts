/**
 * The host listens on 127.0.0.1, but any local program or web page could still reach it. Every
 * request must carry the token (query, cookie or bearer header), compared in constant time. The
 * Host and Origin checks that run before this one are in localOrigin.ts.
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parseCookies } from './parseCookies';

export const COOKIE = 'silt_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(a: string, b: string): boolean {
  // Hash first so lengths match and timing says nothing about the prefix.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** The token a request presents, wherever it carries it. */
export function presentedToken(req: IncomingMessage, url: URL): string | null {
  const q = url.searchParams.get('token');
  if (q) return q;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  return parseCookies(req.headers.cookie).get(COOKIE) ?? null;
}
