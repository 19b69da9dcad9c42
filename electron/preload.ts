/**
 * The only bridge between the page and the desktop: menu commands and notebooks to open in, native
 * dialogs and the tabs' notebooks out. The page gets no Node and no ipcRenderer, just these functions.
 */
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('siltDesktop', {
  platform: process.platform,
  onMenu(cb: (action: string) => void) {
    ipcRenderer.on('silt:menu', (_e, action: string) => cb(action));
  },
  /** A notebook from the OS or Open Recent, to show in a tab of this window. */
  onOpenPath(cb: (path: string) => void) {
    ipcRenderer.on('silt:open-path', (_e, path: unknown) => {
      if (typeof path === 'string') cb(path);
    });
  },
  /** The notebooks this window's tabs show, so the shell focuses a tab rather than opening a file twice. */
  reportTabs: (paths: string[]): Promise<void> => ipcRenderer.invoke('silt:tabs', paths),
  openDialog: (): Promise<string | null> => ipcRenderer.invoke('silt:open-dialog'),
  saveDialog: (suggested: string): Promise<string | null> => ipcRenderer.invoke('silt:save-dialog', suggested),
  printToPdf: (htmlPath: string, pdfPath: string, pageSize: 'A4' | 'Letter'): Promise<{ path: string; bytes: number }> =>
    ipcRenderer.invoke('silt:print-pdf', htmlPath, pdfPath, pageSize),
});
