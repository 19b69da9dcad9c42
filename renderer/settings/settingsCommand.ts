/** The palette's and the desktop menu's way to the network settings (NetworkSettingsDialog). */
import type { Command } from '../commands/commandList';

export function settingsCommand(open: () => void): Command {
  return { id: 'settings.network', title: 'Network settings (proxy, company CA)…', group: 'View', run: open };
}
