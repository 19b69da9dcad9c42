/**
 * Electron main: a locked-down window on the local kernel. The kernel runs as its own process (by
 * file path); this process only owns windows, menus, dialogs and the file association.
 */
import { app, BrowserWindow, dialog, Menu, safeStorage } from 'electron';
import { join } from 'node:path';
import { guardAllContents } from './contentsGuard';
import { CrashBudget } from './CrashBudget';
import { launchKernel } from './kernelLaunch';
import { KernelSupervisor } from './KernelSupervisor';
import { buildMenu } from './menu';
import { registerPrintToPdf } from './printToPdf';
import { profileKey } from './profileKey';
import { notebookFromArgv, urlForNotebook } from './notebookArg';
import { WEB_PREFERENCES } from './securityPolicy';
import { handleTrusted } from './trustedIpc';

let kernel: KernelSupervisor | null = null;
/** The host's URL; it stays the same across restarts (same port, same token). */
let kernelUrl: string | null = null;
let mainWindow: BrowserWindow | null = null;
let pendingNotebook = notebookFromArgv(process.argv);
const appOrigin = () => (kernelUrl ? new URL(kernelUrl).origin : null);

// Before any window exists, so every page the shell ever makes gets the same rules.
guardAllContents({ appOrigin, openAppWindow: (url) => void openWindow(url) });

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
  registerPrintToPdf(appOrigin);
  handleTrusted('silt:open-dialog', appOrigin, async () => {
    const r = await dialog.showOpenDialog({ filters: [{ name: 'Notebooks', extensions: ['ipynb'] }], properties: ['openFile'] });
    return r.canceled ? null : r.filePaths[0];
  });
  handleTrusted('silt:save-dialog', appOrigin, async (_e, suggested: unknown) => {
    const r = await dialog.showSaveDialog({
      defaultPath: typeof suggested === 'string' ? suggested : undefined,
      filters: [{ name: 'Notebooks', extensions: ['ipynb'] }],
    });
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
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Silt',
    show: false,
    webPreferences: { ...WEB_PREFERENCES, preload: join(__dirname, 'preload.js') },
  });
  mainWindow ??= win;
  win.once('ready-to-show', () => win.show());
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
