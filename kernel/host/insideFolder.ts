/**
 * Whether a path is inside a folder once symbolic links are followed: `..` segments, absolute paths
 * elsewhere and links that lead out of the folder all count as outside. A path that does not exist
 * yet is judged by its nearest existing parent (where a new file would be written). A link to
 * nothing is judged by where it points, so a dangling link inside the folder to a file inside it is
 * inside (and one that points away is outside), instead of every dangling link counting as outside.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

export function insideFolder(folder: string, path: string): boolean {
  const root = real(resolve(folder));
  const target = real(resolve(folder, path));
  if (root === null || target === null) return false;
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Links followed before a chain of dangling links counts as a loop (Linux's own limit). */
const MAX_LINKS = 40;

/** The real path of `abs`: its longest existing prefix resolved, the rest appended; null for a loop of links. */
function real(abs: string, links = 0): string | null {
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
        // A link to nothing (or a loop): follow it by hand to where a write through it would land.
        if (links >= MAX_LINKS) return null;
        let to: string;
        try {
          to = readlinkSync(head);
        } catch {
          return null;
        }
        return real(join(resolve(dirname(head), to), ...rest), links + 1);
      }
    }
    const up = dirname(head);
    if (up === head) return join(head, ...rest);
    rest.unshift(basename(head));
    head = up;
  }
}
