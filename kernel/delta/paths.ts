import { isAbsolute, join, normalize } from 'node:path';

/**
 * Log paths are URIs: relative ones are URI-encoded paths under the table root, absolute ones may
 * carry a `file:` scheme. Both spellings of the same file must compare equal during log replay.
 */
export function decodeLogPath(path: string): string {
  const noScheme = path.replace(/^file:(\/\/(?=\/))?/, '');
  return safeDecode(noScheme);
}

/** The file on local disk that a log path names. */
export function resolveLogPath(tableRoot: string, path: string): string {
  const decoded = decodeLogPath(path);
  return isAbsolute(decoded) ? normalize(decoded) : join(tableRoot, decoded);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    // A stray '%' that is not an escape: the writer stored the name raw.
    return s;
  }
}
