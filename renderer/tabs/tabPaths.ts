/**
 * Which notebook each tab shows, for notebooks asked for from outside the page (the desktop shell's
 * double-clicked files and Open Recent): a notebook already in a tab is shown there, never opened
 * twice (two tabs on one file would save over each other). Pure: tested in Node.
 */
import { SiltError } from '../../common/SiltError';

export interface TabPathInfo {
  /** The file the tab's notebook was loaded from or saved to; null when untitled; undefined until loaded. */
  path?: string | null;
}

export interface TabSource {
  id: string;
  /** The notebook the tab was opened for (the address's, or one asked for), until it reports its own. */
  requested: string | null;
}

/** The notebook a tab shows: its own once loaded (a tab may open or save another), else the one it is opening. */
export function shownPath(tab: TabSource, info: TabPathInfo | undefined): string | null {
  return info?.path !== undefined ? info.path : tab.requested;
}

export function tabShowing(tabs: readonly TabSource[], info: Readonly<Record<string, TabPathInfo>>, path: string): string | undefined {
  return tabs.find((t) => shownPath(t, info[t.id]) === path)?.id;
}

/**
 * A path typed in Open… as the host reads it: relative to the workspace. Tabs know their notebooks by
 * absolute path, so "sales.ipynb" must find the tab showing /work/sales.ipynb, not open it twice.
 */
export function absoluteIn(workspace: string | null, path: string): string {
  if (!workspace || /^([A-Za-z]:)?[\\/]/.test(path)) return path;
  const sep = workspace.includes('\\') && !workspace.includes('/') ? '\\' : '/';
  return `${workspace.replace(/[\\/]+$/, '')}${sep}${path.replace(/^\.[\\/]/, '')}`;
}

/** Every notebook the tabs show, once each, for the shell. */
export function shownPaths(tabs: readonly TabSource[], info: Readonly<Record<string, TabPathInfo>>): string[] {
  return [...new Set(tabs.map((t) => shownPath(t, info[t.id])).filter((p): p is string => p !== null))];
}

/** The notice when a notebook asked for could not be opened: the file by its path, and why. */
export function openFailureText(path: string, error: Error): string {
  const name = path.split(/[\\/]/).pop() || path;
  if (error instanceof SiltError && error.code === 'not-found') {
    return `“${name}” could not be opened: there is no notebook at ${path} any more (moved, renamed or deleted).`;
  }
  return `“${name}” could not be opened (${path}): ${error.message}`;
}
