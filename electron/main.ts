/**
 * Electron main: a locked-down window on the local kernel. The kernel runs as its own process (by
 * file path); this process only owns windows, menus, dialogs and the file association. One Silt runs
 * per user: a second launch (a double-clicked .ipynb) hands its file to the first and quits.
 */
import { app, BrowserWindow, dialog, Menu, safeStorage, screen } from 'electron';
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { guardAllContents } from './contentsGuard';
import { CrashBudget } from './CrashBudget';
import { hostRequest } from './hostRpc';
import { launchKernel } from './kernelLaunch';
import { KernelSupervisor } from './KernelSupervisor';
import { buildMenu } from './menu';
import { missingNotebookDialog } from './missingNotebook';
import { notebookFromArgv, urlForNotebook } from './notebookArg';
import { routeOpen } from './openRoute';
import { registerPrintToPdf } from './printToPdf';
import { profileKey } from './profileKey';
import { MIN_SIZE, restoreBounds } from './restoreBounds';
import { WEB_PREFERENCES } from './securityPolicy';
import { TabRegistry } from './TabRegistry';
import { parseTabsReport } from './tabsReport';
import { handleTrusted } from './trustedIpc';
import { readWindowState, writeWindowState } from './windowStateFile';

let kernel: KernelSupervisor | null = null;
/** The host's URL; it stays the same across restarts (same port, same token). */
let kernelUrl: string | null = null;
let mainWindow: BrowserWindow | null = null;
/** Notebooks asked for before the kernel was up (the launch argument, macOS open-file events). */
const pending: string[] = [];
/** Which notebooks each window's tabs show, and which window was used last. */
const tabs = new TabRegistry();
const appOrigin = () => (kernelUrl ? new URL(kernelUrl).origin : null);

if (app.requestSingleInstanceLock()) startPrimary();
else app.exit(0); // the running Silt got our argv in its second-instance event

function startPrimary(): void {
  const first = notebookFromArgv(process.argv, process.cwd());
  if (first) pending.push(first);

  // Before any window exists, so every page the shell ever makes gets the same rules.
  guardAllContents({ appOrigin, openAppWindow: (url) => void openWindow(url, { tabs: false }) });

  app.on('second-instance', (_e, argv, workingDirectory) => {
    const nb = notebookFromArgv(argv, workingDirectory);
    if (nb) openNotebook(nb, false);
    else if (mainWindow) bringForward(mainWindow);
  });

  // macOS delivers double-clicked files as events, possibly before the app is ready.
  app.on('open-file', (e, path) => {
    e.preventDefault();
    openNotebook(path, false);
  });

  // macOS: clicking the Dock icon with no window open opens one.
  app.on('activate', () => {
    if (kernelUrl && BrowserWindow.getAllWindows().length === 0) void openWindow(kernelUrl, { tabs: true });
  });

  // The recent list changes when a notebook is opened or saved, which also changes the window's title.
  app.on('browser-window-focus', (_e, win) => {
    tabs.focus(win.id);
    void refreshMenu();
  });

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
  // The page tells which notebooks its tabs show; notebooks that waited for it to listen go now.
  handleTrusted('silt:tabs', appOrigin, (e, payload) => {
    const win = BrowserWindow.fromWebContents(e.sender);
    if (!win) return;
    for (const path of tabs.report(win.id, parseTabsReport(payload))) win.webContents.send('silt:open-path', path);
  });
  const asked = pending.splice(0);
  if (asked.length === 0) await openWindow(kernelUrl, { tabs: true });
  for (const nb of asked) openNotebook(nb, false);
}

const focusedWindow = () => BrowserWindow.getFocusedWindow() ?? mainWindow;

/**
 * A notebook from the OS (a second launch, macOS open-file) or Open Recent: the tab showing it comes
 * forward, else it opens as a new tab of the window used last, else in a new window (openRoute.ts).
 * A file that is not there is named in a dialog; nothing here may throw into Electron's event loop.
 */
function openNotebook(path: string, fromRecent: boolean): void {
  if (!kernelUrl) {
    pending.push(path);
    return;
  }
  try {
    const route = routeOpen(path, isFile(path), tabs.snapshot(), process.platform);
    if (route.kind === 'missing') return void tellMissing(path, fromRecent).catch((e: Error) => console.warn(e.message));
    app.addRecentDocument(path); // the Dock's and the taskbar's own recent list
    if (route.kind === 'new-window') return void openWindow(urlForNotebook(kernelUrl, path), { tabs: true, notebook: path });
    const win = BrowserWindow.fromId(route.windowId);
    if (!win || win.isDestroyed()) {
      tabs.remove(route.windowId); // closed meanwhile: route again among the others
      return openNotebook(path, fromRecent);
    }
    if (tabs.deliver(win.id, path) === 'send') win.webContents.send('silt:open-path', path);
    bringForward(win);
  } catch (e) {
    dialog.showErrorBox('Silt', `${path} could not be opened: ${(e as Error).message}`);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

async function tellMissing(path: string, fromRecent: boolean): Promise<void> {
  const d = missingNotebookDialog(path, fromRecent);
  const parent = focusedWindow();
  const options = {
    type: 'warning' as const,
    title: 'Silt',
    message: d.message,
    detail: d.detail,
    buttons: d.buttons,
    defaultId: 0,
    cancelId: d.buttons.length - 1,
  };
  const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  if (response !== d.removeButton || !kernelUrl) return;
  // For good: the host hides a file that is gone, but would list it again if it came back.
  await hostRequest(kernelUrl, 'files.forgetRecent', { path });
  await refreshMenu();
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
        open: (path) => openNotebook(path, true),
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

/** A window on `url`; one for notebooks (`tabs`) takes the notebooks asked for from outside as tabs. */
async function openWindow(url: string, opts: { tabs: boolean; notebook?: string }): Promise<void> {
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
  const id = win.id;
  if (opts.tabs) tabs.add(id, opts.notebook ?? null);
  // Requests wait while the page (re)loads, until it reports its tabs again.
  // (A reload or a crash's reload; frames in outputs and history.replaceState do not count.)
  win.webContents.on('did-start-navigation', (d) => {
    if (d.isMainFrame && !d.isSameDocument) tabs.loading(id);
  });
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
    tabs.remove(id);
    if (mainWindow === win) mainWindow = null;
  });
  await win.loadURL(url);
}
