import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether an Authorization header carries the server's bearer token. Both sides are hashed first so
 * the comparison is constant-time whatever the lengths.
 */
export function hasBearerToken(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1].trim()), digest(token));
}
