/**
 * The window's side of the desktop shell's "open this notebook" (electron/openRoute.ts): notebooks
 * arrive over the preload bridge and go to `open` (a tab of this window), and the shell is told which
 * notebooks the tabs show whenever that changes, so the next request for one of them comes back here.
 * In a browser tab there is no bridge and nothing happens.
 */
import { useEffect, useRef } from 'react';
import { desktop } from '../desktop/desktopBridge';

export function useShellOpens(paths: string[], open: (path: string) => void): void {
  const latest = useRef(open);
  latest.current = open;

  useEffect(() => {
    // The bridge has no way to unsubscribe; the window registers this once for its lifetime.
    desktop()?.onOpenPath?.((path) => latest.current(path));
  }, []);

  const key = JSON.stringify(paths);
  useEffect(() => {
    // A refusal (the shell checks what it is told) is no reason to disturb the notebook.
    desktop()
      ?.reportTabs?.(paths)
      ?.catch(() => undefined);
  }, [key]);
}
