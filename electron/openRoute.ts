/**
 * Where a notebook asked for from outside the page goes (a double-click forwarded by a second launch,
 * macOS open-file, File → Open Recent): the tab already showing it, else a new tab of the window the
 * user used last, else a new window when none is open. As in a browser or VS Code, one window gathers
 * the notebooks rather than a window per file. Pure, so it is tested in Node.
 */
import { normalize } from 'node:path';

/** A window that can take tabs, as the shell knows it. */
export interface TabWindow {
  id: number;
  /** The notebooks its tabs show or are opening (absolute paths). */
  paths: readonly string[];
  /** When it last had focus, on the shell's own clock (higher is more recent); 0 if never. */
  focusedAt: number;
}

export type OpenRoute =
  /** No such file (and no tab has it): say so, open nothing. */
  | { kind: 'missing' }
  /** A tab of this window shows it already: that tab and window come forward. */
  | { kind: 'focus-tab'; windowId: number }
  /** A new tab in this window (the one used last). */
  | { kind: 'add-tab'; windowId: number }
  /** No window is open: a new one opens with it. */
  | { kind: 'new-window' };

/**
 * The same file? macOS and Windows file systems ignore case by default, so `Sales.ipynb` and
 * `sales.ipynb` are one file there and opening both would give two tabs saving over each other.
 */
export function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  const fold = platform === 'darwin' || platform === 'win32' ? (p: string) => normalize(p).toLowerCase() : normalize;
  return fold(a) === fold(b);
}

export function routeOpen(path: string, exists: boolean, windows: readonly TabWindow[], platform: NodeJS.Platform): OpenRoute {
  // A tab that has it wins even if the file went meanwhile: its notebook, and any unsaved edits, are there.
  const showing = windows.find((w) => w.paths.some((p) => samePath(p, path, platform)));
  if (showing) return { kind: 'focus-tab', windowId: showing.id };
  if (!exists) return { kind: 'missing' };
  if (windows.length === 0) return { kind: 'new-window' };
  // The window used last; among never-focused ones (just opened), the newest.
  const last = windows.reduce((best, w) => (w.focusedAt > best.focusedAt || (w.focusedAt === best.focusedAt && w.id > best.id) ? w : best));
  return { kind: 'add-tab', windowId: last.id };
}
