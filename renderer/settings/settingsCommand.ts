/** The palette's and the desktop menu's ways to the settings: the network's and the download cache's (SettingsDialog). */
import type { Command } from '../commands/commandList';

export function settingsCommand(open: () => void): Command {
  return { id: 'settings.network', title: 'Network settings (proxy, company CA)…', group: 'View', run: open };
}

export function storageSettingsCommand(open: () => void): Command {
  return { id: 'settings.storage', title: 'Storage settings (download cache size, empty it)…', group: 'View', run: open };
}
