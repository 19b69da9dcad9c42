/**
 * The only bridge between the page and the desktop: menu commands in, native dialogs out. The page
 * gets no Node and no ipcRenderer, just these functions.
 */
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('siltDesktop', {
  platform: process.platform,
  onMenu(cb: (action: string) => void) {
    ipcRenderer.on('silt:menu', (_e, action: string) => cb(action));
  },
  openDialog: (): Promise<string | null> => ipcRenderer.invoke('silt:open-dialog'),
  saveDialog: (suggested: string): Promise<string | null> => ipcRenderer.invoke('silt:save-dialog', suggested),
  printToPdf: (htmlPath: string, pdfPath: string, pageSize: 'A4' | 'Letter'): Promise<{ path: string; bytes: number }> =>
    ipcRenderer.invoke('silt:print-pdf', htmlPath, pdfPath, pageSize),
});
