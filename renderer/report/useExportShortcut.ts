/**
 * Ctrl/⌘+Shift+E opens Export…, in command and edit mode alike (the notebook keymap leaves it free).
 * The desktop menu's File → Export… runs the same command through useDesktopMenu.
 */
import { useEffect, useRef } from 'react';
import { useActiveTabRef } from '../tabs/ActiveTab';

export function useExportShortcut(open: () => void): void {
  const latest = useRef(open);
  latest.current = open;
  const active = useActiveTabRef();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!active.current || !(e.ctrlKey || e.metaKey) || !e.shiftKey || e.altKey || e.key.toLowerCase() !== 'e') return;
      e.preventDefault();
      e.stopPropagation();
      latest.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
