/**
 * A notebook the desktop shell asks for (a double-clicked file forwarded by a second launch, macOS
 * open-file, File → Open Recent) opens as a tab of the window, not a window of its own; one already
 * open shows its tab; one that is not there is named in a notice and opens nothing. Electron's binary
 * cannot run here, so the preload bridge is the one thing stood in for (an init script with
 * electron/preload.ts's shape: the test plays the shell's `silt:open-path` and reads `silt:tabs`);
 * the page, the host, its files and Chromium are real.
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
let first: string;
let second: string;

const BRIDGE = `
  window.__reported = [];
  window.siltDesktop = {
    platform: 'linux',
    onMenu() {},
    onOpenPath(cb) { window.__openPath = cb; },
    reportTabs: async (paths) => { window.__reported.push(paths); },
  };
`;

type ShellWindow = { __openPath(path: string): void; __reported: string[][] };
const shellOpens = (path: string) => page.evaluate((p) => (window as unknown as ShellWindow).__openPath(p), path);
/** What the page last told the shell its tabs show. */
const reported = () => page.evaluate(() => (window as unknown as ShellWindow).__reported.at(-1));

const tabs = () => page.locator('[data-testid="tab"]');
const panes = () => page.locator('[data-testid="tab-pane"]');
const visiblePane = () => page.locator('[data-testid="tab-pane"]:not([hidden])');

const notebook = (source: string) => notebookJson([{ source }]);

beforeAll(async () => {
  host = await startHost();
  first = join(host.workspace, 'orders review.ipynb');
  second = join(host.workspace, 'churn.ipynb');
  writeFileSync(first, notebook("SELECT 'from the first file' AS v"));
  writeFileSync(second, notebook("SELECT 'from the second file' AS v"));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.addInitScript(BRIDGE);
  await page.goto(`${host.url}&path=${encodeURIComponent(first)}`);
  await page.waitForFunction(() => (window as unknown as { __silt?: { ready: boolean } }).__silt?.ready === true, null, {
    timeout: 20_000,
  });
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('notebooks the desktop shell asks for', () => {
  it('open as a new tab of the window, shown, with their cells; the shell is told both tabs', async () => {
    await expect.poll(reported).toEqual([first]);
    await shellOpens(second);
    await expect.poll(() => tabs().count()).toBe(2);
    await expect.poll(() => tabs().nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await tabs().nth(1).textContent()).toBe('churn.ipynb');
    expect(await tabs().nth(0).textContent()).toBe('orders review.ipynb');
    await expect
      .poll(() => visiblePane().locator('[data-testid="cell"] .cm-content').first().textContent())
      .toBe("SELECT 'from the second file' AS v");
    expect(await page.title()).toMatch(/^churn\.ipynb/);
    await expect.poll(reported).toEqual([first, second]);
  });

  it('a notebook already open shows its tab instead of opening a second copy', async () => {
    await shellOpens(first);
    await expect.poll(() => tabs().nth(0).getAttribute('aria-selected')).toBe('true');
    // The switch and any new tab happen in the same step, so two tabs now means no third one.
    expect(await tabs().count()).toBe(2);
    expect(await panes().count()).toBe(2);
    expect(await visiblePane().locator('[data-testid="cell"] .cm-content').first().textContent()).toBe("SELECT 'from the first file' AS v");
    expect(await page.title()).toMatch(/^orders review\.ipynb/);
  });

  it('a path that is not there is named in a notice, and nothing opens', async () => {
    const gone = join(host.workspace, 'moved away.ipynb');
    await shellOpens(gone);
    const notice = page.locator('[data-testid="open-notice"]');
    await expect.poll(() => notice.textContent()).toContain(gone);
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await tabs().count()).toBe(2);
    expect(await panes().count()).toBe(2);
    expect(await tabs().nth(0).getAttribute('aria-selected')).toBe('true');
    expect(await reported()).toEqual([first, second]);

    for (const [w, h] of [
      [1440, 900],
      [1024, 700],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      for (const theme of ['light', 'dark']) {
        const shown = () => page.evaluate(() => document.documentElement.dataset.theme);
        if ((await shown()) !== theme) await visiblePane().locator('[data-testid="theme-toggle"]').click();
        expect(await shown()).toBe(theme);
        await page.screenshot({ path: join(SHOTS, `shell-opens-tabs-${w}-${theme}.png`) });
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
    }

    await notice.getByRole('button', { name: 'Dismiss' }).click();
    expect(await notice.count()).toBe(0);
  });

  it('a file that is not a notebook is refused with the reason, and leaves no tab behind', async () => {
    const broken = join(host.workspace, 'half written.ipynb');
    writeFileSync(broken, '{"cells": [');
    await shellOpens(broken);
    const notice = page.locator('[data-testid="open-notice"]');
    await expect.poll(() => notice.textContent()).toContain('“half written.ipynb” could not be opened');
    expect(await notice.textContent()).toContain(broken);
    expect(await tabs().count()).toBe(2);
    expect(await panes().count()).toBe(2);
    expect(await reported()).toEqual([first, second]);
  });
});
