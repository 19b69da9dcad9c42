/**
 * What the desktop shell's preload (electron/preload.ts) offers the page: menu commands and notebooks
 * to open in, native dialogs, PDF printing and the tabs' notebooks out. Absent in a browser tab, where the page uses its own dialogs.
 */
export interface DesktopBridge {
  platform?: string;
  /** The menu sends command ids of renderer/commands/commandList.ts. */
  onMenu?(cb: (commandId: string) => void): void;
  /** A notebook from the OS or File → Open Recent, to show in a tab (renderer/tabs/useShellOpens.ts). */
  onOpenPath?(cb: (path: string) => void): void;
  /** Tells the shell which notebooks this window's tabs show, so it sends a file already open here back here. */
  reportTabs?(paths: string[]): Promise<void>;
  openDialog?(): Promise<string | null>;
  saveDialog?(suggested: string): Promise<string | null>;
  printToPdf?(htmlPath: string, pdfPath: string, pageSize: 'A4' | 'Letter'): Promise<{ path: string; bytes: number }>;
}

export function desktop(): DesktopBridge | undefined {
  return (window as unknown as { siltDesktop?: DesktopBridge }).siltDesktop;
}
