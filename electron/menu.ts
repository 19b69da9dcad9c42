/** The application menu. Notebook commands are sent to the page, which owns the document. */
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

export function buildMenu(win: () => BrowserWindow | null): Menu {
  const send = (action: string) => () => win()?.webContents.send('silt:menu', action);
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Notebook', accelerator: 'CmdOrCtrl+N', click: send('new') },
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: send('open') },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: send('save') },
        { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: send('save-as') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+Shift+E', click: send('export') },
        { type: 'separator' },
        { role: process.platform === 'darwin' ? 'close' : 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'Run',
      submenu: [
        { label: 'Run All', click: send('run-all') },
        { label: 'Interrupt', accelerator: 'CmdOrCtrl+.', click: send('interrupt') },
        { label: 'Restart Session', click: send('restart') },
      ],
    },
    {
      label: 'View',
      submenu: [
        { label: 'Toggle Theme', click: send('theme') },
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
