/**
 * What the desktop shell's preload (electron/preload.ts) offers the page: menu commands in, native
 * dialogs and PDF printing out. Absent in a browser tab, where the page uses its own dialogs.
 */
export interface DesktopBridge {
  platform?: string;
  /** The menu sends command ids of renderer/commands/commandList.ts. */
  onMenu?(cb: (commandId: string) => void): void;
  openDialog?(): Promise<string | null>;
  saveDialog?(suggested: string): Promise<string | null>;
  printToPdf?(htmlPath: string, pdfPath: string, pageSize: 'A4' | 'Letter'): Promise<{ path: string; bytes: number }>;
}

export function desktop(): DesktopBridge | undefined {
  return (window as unknown as { siltDesktop?: DesktopBridge }).siltDesktop;
}
