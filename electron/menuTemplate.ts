/**
 * The application menu as data. Every notebook item sends a command id of the page's command list
 * (renderer/commands/commandList.ts), so the menu runs exactly what the palette and the toolbar run;
 * a test checks that each id exists there. Pure (electron is imported for types only), so it is
 * tested in Node where Electron's binary cannot be installed.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { recentSubmenu, type RecentMenu } from './recentMenu';

export interface MenuContext {
  platform: NodeJS.Platform;
  /** A packaged app has no developer tools in its menu. */
  packaged: boolean;
  /** Sends a command id to the focused window. */
  send(commandId: string): void;
  /** File → Open Recent; without it (before the kernel answers) the submenu is empty. */
  recent?: RecentMenu;
}

export function menuTemplate({ platform, packaged, send, recent }: MenuContext): MenuItemConstructorOptions[] {
  const item = (label: string, commandId: string, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(commandId),
  });
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        item('New Notebook', 'notebook.new', 'CmdOrCtrl+N'),
        item('Open…', 'notebook.open', 'CmdOrCtrl+O'),
        { label: 'Open Recent', submenu: recent ? recentSubmenu(recent) : [{ label: 'No Recent Notebooks', enabled: false }] },
        item('Save', 'notebook.save', 'CmdOrCtrl+S'),
        item('Save As…', 'notebook.saveAs', 'CmdOrCtrl+Shift+S'),
        item('Export…', 'notebook.export', 'CmdOrCtrl+Shift+E'),
        { type: 'separator' },
        item('Network Settings…', 'settings.network'),
        item('Storage Settings…', 'settings.storage'),
        { type: 'separator' },
        { role: platform === 'darwin' ? 'close' : 'quit' },
      ],
    },
    {
      label: 'Edit',
      // Text editing goes to the focused editor (the roles); cell operations to the notebook.
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        item('Undo Cell Operation', 'edit.undo'),
        item('Redo Cell Operation', 'edit.redo'),
        { type: 'separator' },
        // No accelerator: the page's own Ctrl/⌘+F also takes the editor's selection as the query.
        item('Find…', 'find.open'),
        item('Find and Replace…', 'find.replace'),
        item('Command Palette…', 'view.palette', 'CmdOrCtrl+Shift+P'),
      ],
    },
    {
      label: 'Run',
      submenu: [
        item('Run All', 'run.all'),
        item('Run Above', 'run.above'),
        item('Run Selected and Below', 'run.below'),
        { type: 'separator' },
        item('Interrupt', 'session.interrupt', 'CmdOrCtrl+.'),
        item('Restart Session', 'session.restart'),
      ],
    },
    {
      label: 'View',
      submenu: [
        item('Toggle Theme', 'view.theme'),
        item('Show or Hide the Catalog', 'view.catalog'),
        item('Variables', 'view.variables'),
        item('Outline', 'view.outline'),
        item('Open as Dashboard', 'view.dashboard'),
        item('Keyboard Shortcuts', 'view.help'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
        ...(packaged ? [] : [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
  ];
}
