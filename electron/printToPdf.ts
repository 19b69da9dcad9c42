/**
 * PDF export in the desktop app: the HTML report the kernel wrote is loaded in a hidden window with
 * JavaScript off and printed with Chromium's own `printToPDF`, so no separate browser is needed.
 * The PDF is written beside its final name and renamed, never left half-written.
 */
import { BrowserWindow } from 'electron';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { handleTrusted } from './trustedIpc';

export function registerPrintToPdf(appOrigin: () => string | null): void {
  handleTrusted('silt:print-pdf', appOrigin, async (_e, htmlPath: unknown, pdfPath: unknown, pageSize: unknown) => {
    if (typeof htmlPath !== 'string' || typeof pdfPath !== 'string' || !isAbsolute(htmlPath) || !isAbsolute(pdfPath)) {
      throw new Error('print-pdf takes two absolute paths');
    }
    if (!htmlPath.endsWith('.html') || !pdfPath.endsWith('.pdf')) throw new Error('print-pdf prints an .html file to a .pdf file');
    const win = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true } });
    try {
      await win.loadFile(htmlPath);
      const pdf = await win.webContents.printToPDF({
        printBackground: true,
        displayHeaderFooter: false,
        pageSize: pageSize === 'Letter' ? 'Letter' : 'A4',
      });
      const tmp = join(dirname(pdfPath), `.${basename(pdfPath)}.${process.pid}.tmp`);
      try {
        writeFileSync(tmp, pdf);
        renameSync(tmp, pdfPath);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw e;
      }
      return { path: pdfPath, bytes: pdf.byteLength };
    } finally {
      win.destroy();
    }
  });
}
