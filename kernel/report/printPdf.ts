/**
 * Report HTML → PDF bytes with a headless Chromium (`--print-to-pdf`). The HTML is written to a
 * private temp folder with its own browser profile, so a running browser of the user's is never
 * touched, and the folder is removed whatever happens.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium } from './findChromium';
import { ReportError } from './ReportError';

const TIMEOUT_MS = 120_000;

export async function printPdf(html: string, env: NodeJS.ProcessEnv = process.env): Promise<Uint8Array> {
  const browser = findChromium(env);
  const dir = mkdtempSync(join(tmpdir(), 'silt-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    writeFileSync(page, html);
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-extensions',
      '--no-first-run',
      '--no-pdf-header-footer',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${pdf}`,
      pathToFileURL(page).href,
    ];
    await new Promise<void>((resolve, reject) => {
      execFile(browser, args, { timeout: TIMEOUT_MS, windowsHide: true }, (err, _stdout, stderr) => {
        if (!err) return resolve();
        const why = err.killed ? `took longer than ${TIMEOUT_MS / 1000} s` : lastLine(stderr) || err.message;
        reject(new ReportError(`Printing the PDF with ${browser} failed: ${why}`));
      });
    });
    try {
      return readFileSync(pdf);
    } catch {
      throw new ReportError(`${browser} ran but wrote no PDF; try another browser with SILT_CHROMIUM=/path/to/chrome.`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function lastLine(s: string): string {
  return (
    s
      .trim()
      .split('\n')
      .filter((l) => !/^\[|unexpected operator/.test(l))
      .pop()
      ?.trim() ?? ''
  );
}
