/**
 * Electron main: a locked-down window on the local kernel. The kernel runs as its own process (by
 * file path); this process only owns windows, menus, dialogs and the file association. One Silt runs
 * per user: a second launch (a double-clicked .ipynb) hands its file to the first and quits.
 */
import { app, BrowserWindow, dialog, Menu, safeStorage, screen } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { guardAllContents } from './contentsGuard';
import { CrashBudget } from './CrashBudget';
import { hostRequest } from './hostRpc';
import { launchKernel } from './kernelLaunch';
import { KernelSupervisor } from './KernelSupervisor';
import { buildMenu } from './menu';
import { notebookFromArgv, urlForNotebook, windowShowing } from './notebookArg';
import { registerPrintToPdf } from './printToPdf';
import { profileKey } from './profileKey';
import { MIN_SIZE, restoreBounds } from './restoreBounds';
import { WEB_PREFERENCES } from './securityPolicy';
import { handleTrusted } from './trustedIpc';
import { readWindowState, writeWindowState } from './windowStateFile';

let kernel: KernelSupervisor | null = null;
/** The host's URL; it stays the same across restarts (same port, same token). */
let kernelUrl: string | null = null;
let mainWindow: BrowserWindow | null = null;
/** Notebooks asked for before the kernel was up (the launch argument, macOS open-file events). */
const pending: string[] = [];
const appOrigin = () => (kernelUrl ? new URL(kernelUrl).origin : null);

if (app.requestSingleInstanceLock()) startPrimary();
else app.exit(0); // the running Silt got our argv in its second-instance event

function startPrimary(): void {
  const first = notebookFromArgv(process.argv, process.cwd());
  if (first) pending.push(first);

  // Before any window exists, so every page the shell ever makes gets the same rules.
  guardAllContents({ appOrigin, openAppWindow: (url) => void openWindow(url) });

  app.on('second-instance', (_e, argv, workingDirectory) => {
    const nb = notebookFromArgv(argv, workingDirectory);
    if (nb) openNotebook(nb);
    else if (mainWindow) bringForward(mainWindow);
  });

  // macOS delivers double-clicked files as events, possibly before the app is ready.
  app.on('open-file', (e, path) => {
    e.preventDefault();
    openNotebook(path);
  });

  // macOS: clicking the Dock icon with no window open opens one.
  app.on('activate', () => {
    if (kernelUrl && BrowserWindow.getAllWindows().length === 0) void openWindow(kernelUrl);
  });

  // The recent list changes when a notebook is opened or saved, which also changes the window's title.
  app.on('browser-window-focus', () => void refreshMenu());

  app.whenReady().then(startKernelAndWindow);

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => {
    kernel?.stop();
  });
}

async function startKernelAndWindow(): Promise<void> {
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
  Menu.setApplicationMenu(buildMenu(focusedWindow));
  void refreshMenu();
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
  const asked = pending.splice(0);
  if (asked.length === 0) await openWindow(kernelUrl);
  for (const nb of asked) openNotebook(nb);
}

const focusedWindow = () => BrowserWindow.getFocusedWindow() ?? mainWindow;

/** A notebook from the OS or Open Recent: the window already showing it comes forward, else a new window opens it. */
function openNotebook(path: string): void {
  if (!kernelUrl) {
    pending.push(path);
    return;
  }
  app.addRecentDocument(path); // the Dock's and the taskbar's own recent list
  const windows = BrowserWindow.getAllWindows();
  const showing = windowShowing(
    windows.map((w) => w.webContents.getURL()),
    path,
  );
  if (showing >= 0) bringForward(windows[showing]);
  else void openWindow(urlForNotebook(kernelUrl, path));
}

function bringForward(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** File → Open Recent from the host's recent list; before the kernel answers, the submenu stays empty. */
async function refreshMenu(): Promise<void> {
  if (!kernelUrl) return;
  try {
    const { paths } = await hostRequest(kernelUrl, 'files.recent', {});
    Menu.setApplicationMenu(
      buildMenu(focusedWindow, {
        paths,
        home: homedir(),
        open: openNotebook,
        clear: () => void clearRecent(),
      }),
    );
  } catch (e) {
    console.warn(`Open Recent is not up to date: ${(e as Error).message}`);
  }
}

async function clearRecent(): Promise<void> {
  if (!kernelUrl) return;
  app.clearRecentDocuments();
  try {
    await hostRequest(kernelUrl, 'files.clearRecent', {});
  } catch (e) {
    dialog.showErrorBox('Silt', `The recent notebooks could not be cleared: ${(e as Error).message}`);
  }
  await refreshMenu();
}

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
  const userData = app.getPath('userData');
  const primary = screen.getPrimaryDisplay();
  const screens = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const place = restoreBounds(readWindowState(userData), screens);
  // Only the first window takes the saved position; later ones let the system cascade them.
  const position = mainWindow ? {} : { x: place.x, y: place.y };
  const win = new BrowserWindow({
    width: place.width,
    height: place.height,
    ...position,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Silt',
    show: false,
    webPreferences: { ...WEB_PREFERENCES, preload: join(__dirname, 'preload.js') },
  });
  mainWindow ??= win;
  win.once('ready-to-show', () => {
    if (place.maximized && win === mainWindow) win.maximize();
    win.show();
  });
  win.on('page-title-updated', () => void refreshMenu());
  win.on('close', () => writeWindowState(userData, { bounds: win.getNormalBounds(), maximized: win.isMaximized() }));
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
