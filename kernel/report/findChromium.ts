/**
 * Finds a Chromium-family browser to print PDFs with: `SILT_CHROMIUM`, then the usual names on PATH,
 * then where the installers put them on macOS and Windows.
 */
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ReportError } from './ReportError';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'microsoft-edge', 'msedge'];

const KNOWN: Partial<Record<NodeJS.Platform, string[]>> = {
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    join(process.env.PROGRAMFILES ?? 'C:\\Program Files', 'Google\\Chrome\\Application\\chrome.exe'),
    join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Microsoft\\Edge\\Application\\msedge.exe'),
  ],
};

export const NO_CHROMIUM_MESSAGE =
  'PDF export needs Chromium or Google Chrome, and none was found. Install one (Debian/Ubuntu: sudo apt-get install chromium; ' +
  'macOS/Windows: install Google Chrome) or set SILT_CHROMIUM=/path/to/chrome. The desktop app prints PDFs itself (File → Export…).';

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.SILT_CHROMIUM?.trim();
  if (configured) {
    if (isFile(configured)) return configured;
    throw new ReportError(`SILT_CHROMIUM is ${configured}, but there is no browser there. ${NO_CHROMIUM_MESSAGE}`, 'unavailable');
  }
  const exe = process.platform === 'win32' ? '.exe' : '';
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of NAMES) {
      const candidate = join(dir, name + exe);
      if (isFile(candidate)) return candidate;
    }
  }
  const known = (KNOWN[process.platform] ?? []).find(isFile);
  if (known) return known;
  throw new ReportError(NO_CHROMIUM_MESSAGE, 'unavailable');
}

function isFile(p: string): boolean {
  return existsSync(p) && statSync(p).isFile();
}
