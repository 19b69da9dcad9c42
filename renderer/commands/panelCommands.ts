/**
 * The commands features add beside the keymap's and the toolbar's: find, the side panels and the
 * dashboard. App hands them to the command list; the desktop menu's test reads the same list, so a
 * menu item can never name a command the page does not have.
 */
import { dashboardViewUrl } from '../dashboard/viewUrl';
import { findCommands } from '../find/findCommands';
import { sidebarCommands } from '../sidebar/sidebarCommands';
import type { Command } from './commandList';

export function panelCommands(notebookPath: () => string | null): Command[] {
  return [
    ...findCommands,
    ...sidebarCommands,
    {
      id: 'view.dashboard',
      title: 'Open as dashboard (charts and tables, no code)',
      group: 'View',
      // The dashboard reads the notebook from its file, so an untitled notebook is saved first.
      enabled: () => notebookPath() !== null,
      run: () => {
        const path = notebookPath();
        if (path) window.open(dashboardViewUrl(location.href, path), '_blank');
      },
    },
  ];
}
