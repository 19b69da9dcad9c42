/** The application menu (menuTemplate.ts). Notebook commands are sent to the page, which owns the document. */
import { app, Menu, type BrowserWindow } from 'electron';
import { menuTemplate } from './menuTemplate';
import type { RecentMenu } from './recentMenu';

export function buildMenu(win: () => BrowserWindow | null, recent?: RecentMenu): Menu {
  const send = (commandId: string) => win()?.webContents.send('silt:menu', commandId);
  return Menu.buildFromTemplate(menuTemplate({ platform: process.platform, packaged: app.isPackaged, send, recent }));
}
