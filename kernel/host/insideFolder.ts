/**
 * Whether a path is inside a folder once symbolic links are followed: `..` segments, absolute paths
 * elsewhere and links that lead out of the folder all count as outside. A path that does not exist
 * yet is judged by its nearest existing parent (where a new file would be written).
 */
import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

export function insideFolder(folder: string, path: string): boolean {
  const root = real(resolve(folder));
  const target = real(resolve(folder, path));
  if (root === null || target === null) return false;
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of `abs`: its longest existing prefix resolved, the rest appended; null for a dangling link. */
function real(abs: string): string | null {
  const rest: string[] = [];
  let head = abs;
  for (;;) {
    let exists = true;
    try {
      lstatSync(head);
    } catch {
      exists = false;
    }
    if (exists) {
      try {
        return join(realpathSync(head), ...rest);
      } catch {
        // A link to nothing: where a write through it would land cannot be known from here.
        return null;
      }
    }
    const up = dirname(head);
    if (up === head) return join(head, ...rest);
    rest.unshift(basename(head));
    head = up;
  }
}
