/**
 * Electron main: a locked-down window on the local kernel. The kernel runs as its own process (by
 * file path); this process only owns windows, menus, dialogs and the file association.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import { launchKernel, type LaunchedKernel } from './kernelLaunch';
import { buildMenu } from './menu';
import { registerPrintToPdf } from './printToPdf';
import { profileKey } from './profileKey';
import { notebookFromArgv, urlForNotebook } from './notebookArg';
import { allowPermission, isAppUrl, isExternalLink, WEB_PREFERENCES } from './securityPolicy';

let kernel: LaunchedKernel | null = null;
let mainWindow: BrowserWindow | null = null;
let pendingNotebook = notebookFromArgv(process.argv);

if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', (_e, argv) => {
  const nb = notebookFromArgv(argv);
  if (nb && kernel) void openWindow(urlForNotebook(kernel.url, nb));
  else mainWindow?.focus();
});

// macOS delivers double-clicked files as events, possibly before the app is ready.
app.on('open-file', (e, path) => {
  e.preventDefault();
  if (kernel) void openWindow(urlForNotebook(kernel.url, path));
  else pendingNotebook = path;
});

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, cb) => cb(allowPermission(permission)));
  try {
    const key = profileKey(safeStorage, app.getPath('userData'));
    kernel = await launchKernel({ execPath: process.execPath, cliPath: join(__dirname, '..', 'kernel', 'cli.js'), env: key ? { SILT_PROFILE_KEY: key } : {} });
  } catch (e) {
    dialog.showErrorBox('Silt could not start its kernel', (e as Error).message);
    app.quit();
    return;
  }
  Menu.setApplicationMenu(buildMenu(() => BrowserWindow.getFocusedWindow() ?? mainWindow));
  registerPrintToPdf();
  ipcMain.handle('silt:open-dialog', async () => {
    const r = await dialog.showOpenDialog({ filters: [{ name: 'Notebooks', extensions: ['ipynb'] }], properties: ['openFile'] });
    return r.canceled ? null : r.filePaths[0];
  });
  ipcMain.handle('silt:save-dialog', async (_e, suggested: string) => {
    const r = await dialog.showSaveDialog({ defaultPath: suggested, filters: [{ name: 'Notebooks', extensions: ['ipynb'] }] });
    return r.canceled ? null : r.filePath ?? null;
  });
  await openWindow(urlForNotebook(kernel.url, pendingNotebook));
});

async function openWindow(url: string): Promise<void> {
  const origin = new URL(url).origin;
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Silt',
    show: false,
    webPreferences: { ...WEB_PREFERENCES, preload: join(__dirname, 'preload.js') },
  });
  mainWindow ??= win;
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (e, target) => {
    if (!isAppUrl(target, origin)) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url: target }) => {
    if (isExternalLink(target) && !isAppUrl(target, origin)) void shell.openExternal(target);
    return { action: 'deny' };
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  await win.loadURL(url);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  kernel?.child.kill();
});
