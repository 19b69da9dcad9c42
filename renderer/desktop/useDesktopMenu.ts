/**
 * Runs the desktop menu's commands: each menu item sends a command id, looked up in the window's
 * command list at the moment it arrives (so it acts on the current notebook and selection). A command
 * that cannot run now (nothing to undo) does nothing, as in the palette.
 */
import { useEffect, useRef } from 'react';
import type { Command } from '../commands/commandList';
import { desktop } from './desktopBridge';
import { useActiveTabRef } from '../tabs/ActiveTab';

export function useDesktopMenu(commands: Command[], openPalette: () => void): void {
  const latest = useRef({ commands, openPalette });
  latest.current = { commands, openPalette };
  const active = useActiveTabRef();

  useEffect(() => {
    // The bridge has no way to unsubscribe; the app window registers this once for its lifetime.
    desktop()?.onMenu?.((id) => {
      // Every open notebook hears the menu; the one shown acts.
      if (!active.current) return;
      if (id === 'view.palette') return latest.current.openPalette();
      const command = latest.current.commands.find((c) => c.id === id);
      if (command && (command.enabled?.() ?? true)) command.run();
    });
  }, []);
}
