/**
 * PDF printing in the desktop app: Electron prints the exported HTML itself (webContents.printToPDF),
 * so no separate browser is needed. In a browser tab this is absent and the kernel uses Chromium.
 */
interface DesktopBridge {
  printToPdf?(htmlPath: string, pdfPath: string, pageSize: 'A4' | 'Letter'): Promise<{ path: string; bytes: number }>;
  onMenu?(cb: (action: string) => void): void;
}

export function desktop(): DesktopBridge | undefined {
  return (window as unknown as { siltDesktop?: DesktopBridge }).siltDesktop;
}
