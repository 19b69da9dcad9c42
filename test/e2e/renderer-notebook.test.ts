/**
 * The renderer's own flows in real Chromium against the built `silt serve`: run all, interrupt by
 * restart, recovery of unsaved edits, a dead session, stored results, the open dialog and the theme.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, MOD as mod, openApp as openPage, SHOTS as shots, typeInCell } from '../helpers/app';
import { launchChromium } from '../helpers/browser';
import { startHost, type RunningHost } from '../helpers/startHost';

let host: RunningHost;
let browser: Browser;

const openApp = (query = '') => openPage(browser, host, query);

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  host = await startHost();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** Fills a fresh notebook with one cell per source, in the given languages. */
async function writeCells(p: Page, sources: [lang: 'sql' | 'typescript', source: string][]): Promise<void> {
  for (let i = 0; i < sources.length; i++) {
    if (i > 0) {
      await p.keyboard.press('Escape');
      await p.keyboard.press('b');
    }
    const cell = cells(p).nth(i);
    if ((await cell.getAttribute('data-language')) !== sources[i][0]) await cell.locator('[data-testid="language-toggle"]').click();
    await typeInCell(p, i, sources[i][1]);
  }
  await p.keyboard.press('Escape');
}

async function saveAs(p: Page, name: string): Promise<void> {
  await p.locator('[data-testid="save-as"]').click();
  await p.locator('[data-testid="save-as-input"]').fill(name);
  await p.locator('[data-testid="dialog-ok"]').click();
  await expect.poll(() => p.locator('[data-testid="notebook-title"]').textContent()).toContain(name);
  await expect.poll(() => p.locator('[data-testid="dirty-marker"]').count()).toBe(0);
}

describe('renderer flows', () => {
  it('runs all cells in order and stops at the first error', async () => {
    const page = await openApp();
    await writeCells(page, [
      ['sql', 'SELECT 1 AS one'],
      ['sql', 'SELECT * FROM no_such_table'],
      ['sql', 'SELECT 3 AS three'],
    ]);
    await page.locator('[data-testid="run-all"]').click();
    await expect.poll(() => cells(page).nth(1).locator('[data-testid="error-output"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await cells(page).nth(0).locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]').textContent()).toBe('1');
    expect(await cells(page).nth(1).locator('[data-testid="error-output"]').textContent()).toMatch(/no_such_table/);
    // Give a wrongly continuing run-all time to reach the third cell before checking it did not.
    await page.waitForTimeout(500);
    expect(await cells(page).nth(2).locator('[data-testid="output"]').count()).toBe(0);
    expect(await cells(page).nth(2).locator('[data-testid="execution-count"]').textContent()).not.toMatch(/\d/);
    await page.close();
  });

  it('says the variables were lost when stopping a cell took a restart', async () => {
    const page = await openApp();
    await writeCells(page, [['typescript', 'while (true) {}']]);
    await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
    await expect.poll(() => page.locator('[data-testid="session-status"]').textContent(), { timeout: 10_000 }).toMatch(/busy/);
    expect(await cells(page).nth(0).locator('[data-testid="execution-count"]').textContent()).toBe('[*]');
    await page.locator('[data-testid="interrupt"]').click();
    await expect
      .poll(() => cells(page).nth(0).locator('[data-testid="output"]').textContent(), { timeout: 15_000 })
      .toMatch(/restarted.*variables were lost/i);
    await expect.poll(() => page.locator('[data-testid="session-status"]').textContent(), { timeout: 15_000 }).toBe('idle');
    await typeInCell(page, 0, '6 * 7');
    await page.keyboard.press(`${mod}+Enter`);
    await expect.poll(() => cells(page).nth(0).locator('[data-testid="output"]').textContent(), { timeout: 15_000 }).toContain('42');
    await page.close();
  });

  it('an idle window sends the kernel nothing (no render loop polling it)', async () => {
    const page = await openApp();
    await writeCells(page, [['sql', 'SELECT 1 AS one']]);
    await page.keyboard.press(`${mod}+Enter`);
    await expect.poll(() => cells(page).nth(0).locator('[data-testid="grid-cell"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await saveAs(page, 'idle.ipynb');
    await page.waitForTimeout(1000);
    const sent: string[] = [];
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    cdp.on('Network.webSocketFrameSent', (e) => sent.push(JSON.parse(e.response.payloadData).type));
    await page.waitForTimeout(4000);
    expect(sent).toEqual([]);
    await page.close();
  });

  it('offers unsaved edits back after the page is gone, and can discard them', async () => {
    const page = await openApp();
    await writeCells(page, [['sql', 'SELECT 1 AS saved_value']]);
    await saveAs(page, 'recover.ipynb');
    await typeInCell(page, 0, 'SELECT 2 AS unsaved_value');
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-testid="dirty-marker"]').count()).toBe(1);
    // Autosave runs every ~3 s while dirty.
    await page.waitForTimeout(4500);
    await page.close();

    const file = join(host.workspace, 'recover.ipynb');
    const again = await openApp(`&path=${encodeURIComponent(file)}`);
    await expect.poll(() => again.locator('[data-testid="recovery-banner"]').count()).toBe(1);
    expect(await cells(again).nth(0).locator('.cm-content').textContent()).toContain('saved_value');
    await again.locator('[data-testid="restore-recovery"]').click();
    await expect.poll(() => cells(again).nth(0).locator('.cm-content').textContent()).toContain('unsaved_value');
    expect(await again.locator('[data-testid="recovery-banner"]').count()).toBe(0);
    expect(await again.locator('[data-testid="dirty-marker"]').count()).toBe(1);
    await again.close();

    const third = await openApp(`&path=${encodeURIComponent(file)}`);
    await expect.poll(() => third.locator('[data-testid="recovery-banner"]').count()).toBe(1);
    await third.locator('[data-testid="discard-recovery"]').click();
    expect(await third.locator('[data-testid="recovery-banner"]').count()).toBe(0);
    await third.waitForTimeout(300);
    await third.close();

    const fourth = await openApp(`&path=${encodeURIComponent(file)}`);
    await fourth.waitForTimeout(500);
    expect(await fourth.locator('[data-testid="recovery-banner"]').count()).toBe(0);
    expect(await cells(fourth).nth(0).locator('.cm-content').textContent()).toContain('saved_value');
    await fourth.close();
  });

  it('keeps the document when the session dies and runs again in a new session', async () => {
    const page = await openApp();
    await writeCells(page, [['sql', 'SELECT 5 AS five']]);
    await page.keyboard.press(`${mod}+Enter`);
    await expect
      .poll(() => cells(page).nth(0).locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]').textContent(), { timeout: 15_000 })
      .toBe('5');
    // Kill this notebook's session process (a child of the host this test started).
    const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(host.child.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes('sessionMain'))
      .map((l) => Number(l.trim().split(/\s+/)[0]));
    expect(children.length).toBeGreaterThan(0);
    for (const pid of children) process.kill(pid, 'SIGKILL');
    const banner = page.locator('[data-testid="session-dead-banner"]');
    await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('[data-testid="session-status"]').textContent()).toBe('dead');
    expect(await cells(page).nth(0).locator('.cm-content').textContent()).toContain('SELECT 5 AS five');
    await page.screenshot({ path: join(shots, 'renderer-dead-session.png') });
    await page.locator('[data-testid="new-session"]').click();
    await expect.poll(() => banner.count(), { timeout: 15_000 }).toBe(0);
    await typeInCell(page, 0, 'SELECT 6 AS six');
    await page.keyboard.press(`${mod}+Enter`);
    await expect
      .poll(() => cells(page).nth(0).locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]').textContent(), { timeout: 15_000 })
      .toBe('6');
    await page.close();
  });

  it('shows the stored rows of a reopened result and says they are from an earlier run', async () => {
    const page = await openApp();
    await writeCells(page, [['sql', 'SELECT n FROM range(100000) t(n)']]);
    await page.keyboard.press(`${mod}+Enter`);
    await expect
      .poll(() => cells(page).nth(0).locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 15_000 })
      .toBe('100,000 rows');
    await saveAs(page, 'stored.ipynb');
    await page.close();

    const reopened = await openApp(`&path=${encodeURIComponent(join(host.workspace, 'stored.ipynb'))}`);
    const grid = cells(reopened).nth(0).locator('[data-testid="grid"]');
    expect(await grid.locator('[data-testid="grid-rowcount"]').textContent()).toBe('100,000 rows');
    expect(await grid.locator('[data-testid="grid-stale"]').textContent()).toContain(
      'These rows are from an earlier run — Run the cell to page, sort and filter them',
    );
    const viewport = grid.locator('[data-testid="grid-viewport"]');
    await viewport.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    // Row and value read together: the grid may re-render between two separate reads after a scroll.
    const [row, value] = await grid
      .locator('[data-testid="grid-cell"][data-col="0"]')
      .last()
      .evaluate((el) => [el.getAttribute('data-row'), el.getAttribute('title')]);
    const lastShown = Number(row);
    expect(lastShown).toBeLessThan(100_000 - 1);
    expect(value).toBe(String(lastShown));
    await reopened.close();
  });

  it('opens a notebook from the open dialog and remembers the theme across reloads', async () => {
    const page = await openApp();
    await page.locator('[data-testid="open"]').click();
    const dialog = page.locator('[data-testid="open-dialog"]');
    await expect.poll(() => dialog.textContent()).toContain('stored.ipynb');
    await page.locator('[data-testid="open-path-input"]').fill('stored.ipynb');
    await page.locator('[data-testid="dialog-ok"]').click();
    await expect.poll(() => page.locator('[data-testid="notebook-title"]').textContent()).toContain('stored.ipynb');
    expect(await cells(page).nth(0).locator('.cm-content').textContent()).toContain('range(100000)');

    const before = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.locator('[data-testid="theme-toggle"]').click();
    const after = await page.evaluate(() => document.documentElement.dataset.theme);
    expect(after).not.toBe(before);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __silt?: { ready: boolean } }).__silt?.ready === true, null, {
      timeout: 20_000,
    });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(after);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(bg);
    // The reload reopened the same file, from the path the app put in the address bar.
    expect(await page.locator('[data-testid="notebook-title"]').textContent()).toContain('stored.ipynb');
    await page.close();
  });
});
