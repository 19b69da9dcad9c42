/**
 * Electron main: a locked-down window on the local kernel. The kernel runs as its own process (by
 * file path); this process only owns windows, menus, dialogs and the file association.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import { CrashBudget } from './CrashBudget';
import { launchKernel } from './kernelLaunch';
import { KernelSupervisor } from './KernelSupervisor';
import { buildMenu } from './menu';
import { registerPrintToPdf } from './printToPdf';
import { profileKey } from './profileKey';
import { notebookFromArgv, urlForNotebook } from './notebookArg';
import { allowPermission, isAppUrl, isExternalLink, WEB_PREFERENCES } from './securityPolicy';

let kernel: KernelSupervisor | null = null;
/** The host's URL; it stays the same across restarts (same port, same token). */
let kernelUrl: string | null = null;
let mainWindow: BrowserWindow | null = null;
let pendingNotebook = notebookFromArgv(process.argv);

if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', (_e, argv) => {
  const nb = notebookFromArgv(argv);
  if (nb && kernelUrl) void openWindow(urlForNotebook(kernelUrl, nb));
  else mainWindow?.focus();
});

// macOS delivers double-clicked files as events, possibly before the app is ready.
app.on('open-file', (e, path) => {
  e.preventDefault();
  if (kernelUrl) void openWindow(urlForNotebook(kernelUrl, path));
  else pendingNotebook = path;
});

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, cb) => cb(allowPermission(permission)));
  try {
    const key = profileKey(safeStorage, app.getPath('userData'));
    const cliPath = join(__dirname, '..', 'kernel', 'cli.js');
    const keyEnv: Record<string, string> = key ? { SILT_PROFILE_KEY: key } : {};
    kernel = new KernelSupervisor({
      launch: (args, env) => launchKernel({ execPath: process.execPath, cliPath, args, env: { ...keyEnv, ...env } }),
      askRetry: askRetryKernel,
      onRestarted: (url) => console.warn(`The kernel stopped and was restarted at ${new URL(url).host}.`),
      onGiveUp: () => app.quit(),
    });
    kernelUrl = await kernel.start();
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
    return r.canceled ? null : (r.filePath ?? null);
  });
  await openWindow(urlForNotebook(kernelUrl, pendingNotebook));
});

/** After a few quick crashes in a row: keep trying, or quit. Open windows keep their unsaved edits meanwhile. */
async function askRetryKernel(why: string): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: 'Silt',
    message: 'Silt’s kernel keeps stopping',
    detail: `${why}\n\nOpen notebooks keep their unsaved edits while their window stays open.`,
    buttons: ['Try again', 'Quit'],
    defaultId: 0,
    cancelId: 1,
  });
  return response === 0;
}

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
    // Another view of the app (a notebook as a dashboard) opens in a window of its own, with the same
    // policies; anything else goes to the system browser or nowhere.
    if (isAppUrl(target, origin)) void openWindow(target);
    else if (isExternalLink(target)) void shell.openExternal(target);
    return { action: 'deny' };
  });
  // A page that died (out of memory, a renderer crash) is loaded again: it reopens its notebook from
  // the address bar and the host offers the recovery copy of the unsaved edits. Twice a minute at most.
  const reloads = new CrashBudget(2, 60_000);
  win.webContents.on('render-process-gone', (_e, details) => {
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    if (reloads.spend(Date.now())) win.webContents.reload();
    else {
      const advice = 'Your unsaved edits are kept as a recovery copy; reopen the notebook to get them back.';
      dialog.showErrorBox('Silt', `This window keeps stopping. ${advice}`);
    }
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
  kernel?.stop();
});
