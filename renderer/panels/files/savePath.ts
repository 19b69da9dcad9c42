/**
 * The path Save as writes, from the folder being browsed and the name typed: `.ipynb` added when
 * missing, and names that would leave the folder refused before the host is asked (the host checks
 * again, symbolic links included). Paths are the host's, so its separator is kept.
 */

export type SaveTarget = { path: string; name: string } | { error: string };

export function separatorOf(path: string): '/' | '\\' {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}

export function withIpynb(name: string): string {
  return /\.ipynb$/i.test(name) ? name : `${name}.ipynb`;
}

export function saveTarget(dir: string, typed: string): SaveTarget {
  const name = typed.trim();
  if (name === '') return { error: 'Enter a file name.' };
  if (/^([\\/]|[A-Za-z]:)/.test(name) || name.startsWith('~')) {
    return { error: 'Type a name, not a full path: pick the folder above.' };
  }
  const parts = name.split(/[\\/]/);
  if (parts.some((p) => p === '..')) return { error: 'The name cannot contain "..": notebooks are saved inside the workspace.' };
  if (parts.some((p) => p === '' || p === '.')) return { error: 'The name has an empty folder in it.' };
  const last = withIpynb(parts.pop()!);
  if (last === '.ipynb') return { error: 'Enter a file name.' };
  const sep = separatorOf(dir);
  const path = [dir.replace(/[\\/]+$/, ''), ...parts, last].join(sep);
  return { path, name: last };
}

export interface Crumb {
  label: string;
  path: string;
}

/** The folders from the workspace down to `dir`, for the breadcrumb; just `dir` when it is not inside. */
export function breadcrumb(root: string, dir: string): Crumb[] {
  const sep = separatorOf(root);
  const base = root.replace(/[\\/]+$/, '');
  const rootLabel = base.split(/[\\/]/).pop() || base || sep;
  if (dir === base || dir === root) return [{ label: rootLabel, path: base }];
  if (!dir.startsWith(base + sep)) return [{ label: dir, path: dir }];
  const crumbs: Crumb[] = [{ label: rootLabel, path: base }];
  let at = base;
  for (const part of dir
    .slice(base.length + 1)
    .split(/[\\/]/)
    .filter(Boolean)) {
    at = `${at}${sep}${part}`;
    crumbs.push({ label: part, path: at });
  }
  return crumbs;
}

/** The folder holding a file path. */
export function folderOf(path: string): string {
  return path.replace(/[\\/][^\\/]*$/, '');
}
