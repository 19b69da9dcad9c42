/**
 * Anything the host logs goes through here first: a token in a URL query, a cookie or a bearer
 * header, and the host's own token wherever it appears, are replaced by a mark.
 */
const PATTERNS: RegExp[] = [/([?&]token=)[^&\s"'#]+/gi, /(silt_token=)[^;\s"']+/gi, /(Bearer\s+)[^\s"',]+/gi];

export function redactSecrets(text: string, ...secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]');
  for (const p of PATTERNS) out = out.replace(p, '$1[redacted]');
  return out;
}
