/**
 * Open… (the page's Open dialog here; the desktop's system dialog takes the same path) opens the file
 * as a tab, as a notebook from the OS or Open Recent does: the notebook on screen stays as it was,
 * edits and all, instead of being replaced behind a "Save changes?"; a file already open shows its
 * tab; a blank new notebook is replaced rather than left as an empty tab. Real host, files, Chromium.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS } from '../helpers/app';
import { launchChromium } from '../helpers/browser';
import { notebookJson } from '../helpers/notebookJson';
import { startHost, type RunningHost } from '../helpers/startHost';

let host: RunningHost;
let browser: Browser;
let page: Page;

const notebook = (source: string) => notebookJson([{ source }]);
const tabs = () => page.locator('[data-testid="tab"]');
const visiblePane = () => page.locator('[data-testid="tab-pane"]:not([hidden])');
const firstCell = () => visiblePane().locator('[data-testid="cell"] .cm-content').first();

async function openWithDialog(path: string): Promise<void> {
  // The shown tab's own toolbar (every tab has one; the hidden ones stay mounted).
  await visiblePane().locator('[data-testid="open"]').click();
  await visiblePane().locator('[data-testid="open-path-input"]').fill(path);
  await visiblePane().locator('[data-testid="dialog-ok"]').click();
}

beforeAll(async () => {
  host = await startHost();
  writeFileSync(join(host.workspace, 'sales.ipynb'), notebook("SELECT 'sales' AS v"));
  writeFileSync(join(host.workspace, 'churn.ipynb'), notebook("SELECT 'churn' AS v"));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${host.url}&path=${encodeURIComponent(join(host.workspace, 'sales.ipynb'))}`);
  await page.waitForFunction(() => (window as unknown as { __silt?: { ready: boolean } }).__silt?.ready === true, null, {
    timeout: 20_000,
  });
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('Open… in a window of tabs', () => {
  it('opens another file as a new tab and leaves the notebook on screen as it was', async () => {
    await expect.poll(() => firstCell().textContent()).toBe("SELECT 'sales' AS v");
    await openWithDialog('churn.ipynb');
    await expect.poll(() => tabs().count()).toBe(2);
    await expect.poll(() => tabs().nth(1).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => firstCell().textContent()).toBe("SELECT 'churn' AS v");
    expect(await tabs().nth(0).textContent()).toBe('sales.ipynb');
    await page.screenshot({ path: join(SHOTS, 'open-in-tab-1440.png') });
  });

  it('a file already open shows its tab instead of opening twice', async () => {
    await openWithDialog('sales.ipynb');
    await expect.poll(() => tabs().nth(0).getAttribute('aria-selected')).toBe('true');
    expect(await tabs().count()).toBe(2);
    await expect.poll(() => firstCell().textContent()).toBe("SELECT 'sales' AS v");
  });
});
