/**
 * Ctrl/⌘+Shift+E opens Export…, in command and edit mode alike (the notebook keymap leaves it free),
 * and so does File → Export… in the desktop app's menu.
 */
import { useEffect, useRef } from 'react';
import { desktop } from './desktopPdf';

export function useExportShortcut(open: () => void): void {
  const latest = useRef(open);
  latest.current = open;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || !e.shiftKey || e.altKey || e.key.toLowerCase() !== 'e') return;
      e.preventDefault();
      e.stopPropagation();
      latest.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  useEffect(() => {
    // The bridge has no way to unsubscribe; the app window registers this once for its lifetime.
    desktop()?.onMenu?.((action) => action === 'export' && latest.current());
  }, []);
}
