/**
 * Anything the host logs goes through here first: a token in a URL query, a cookie or a bearer
 * header, the values given, and every secret this process knows (knownSecrets: the host's token,
 * the profiles' secrets) are replaced by a mark.
 */
import { knownSecrets } from '../protocol/knownSecrets';

const PATTERNS: RegExp[] = [/([?&]token=)[^&\s"'#]+/gi, /(silt_token=)[^;\s"']+/gi, /(Bearer\s+)[^\s"',]+/gi];

export function redactSecrets(text: string, ...secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]');
  for (const p of PATTERNS) out = out.replace(p, '$1[redacted]');
  return knownSecrets.text(out);
}
