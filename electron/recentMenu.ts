/**
 * File → Open Recent, from the host's recent list (the same one the page's Open dialog shows). Pure:
 * built as menu data and tested in Node.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { basename, dirname, sep } from 'node:path';

export interface RecentMenu {
  /** Most recent first, absolute paths. */
  paths: string[];
  /** The user's home folder, shown as ~ so long paths stay readable. */
  home: string;
  open(path: string): void;
  clear(): void;
}

/** "Sales.ipynb — ~/reports/q3": the name first, where it is after. */
export function recentLabel(path: string, home: string): string {
  const dir = dirname(path);
  const shortDir = home && (dir === home || dir.startsWith(home + sep)) ? '~' + dir.slice(home.length) : dir;
  // `&` marks a mnemonic in Windows and Linux menus; doubled it is shown as itself.
  return `${basename(path)} — ${shortDir}`.replace(/&/g, '&&');
}

export function recentSubmenu(recent: RecentMenu): MenuItemConstructorOptions[] {
  if (recent.paths.length === 0) return [{ label: 'No Recent Notebooks', enabled: false }];
  return [
    ...recent.paths.map((path) => ({ label: recentLabel(path, recent.home), click: () => recent.open(path) })),
    { type: 'separator' as const },
    { label: 'Clear Recently Opened', click: () => recent.clear() },
  ];
}
