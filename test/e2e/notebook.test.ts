/**
 * The notebook as a user drives it: the app served by `silt serve`, in Debian's Chromium.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, MOD as mod, openApp as openPage, SHOTS as shots, typeInCell } from '../helpers/app';
import { launchChromium } from '../helpers/browser';
import { startHost, type RunningHost } from '../helpers/startHost';

let host: RunningHost;
let browser: Browser;
let page: Page;

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

describe('notebook end to end', () => {
  beforeAll(async () => {
    page = await openApp();
  });

  it('runs a SQL cell and shows the value in the grid with row count and types', async () => {
    await typeInCell(page, 0, "SELECT 42 AS answer, 'Lyon' AS city");
    await page.keyboard.press('Shift+Enter');
    const grid = cells(page).nth(0).locator('[data-testid="grid"]');
    await expect
      .poll(() => grid.locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]').textContent(), { timeout: 15_000 })
      .toContain('42');
    expect(await grid.locator('[data-testid="grid-rowcount"]').textContent()).toMatch(/1 row/);
    expect(await grid.locator('[data-testid="grid-coltype"]').allTextContents()).toEqual([
      expect.stringMatching(/INTEGER/),
      expect.stringMatching(/VARCHAR/),
    ]);
    expect(await cells(page).nth(0).locator('[data-testid="elapsed"]').textContent()).toMatch(/\d+(\.\d+)?\s*(ms|s)/);
  });

  it('names a result and uses it from a TypeScript cell', async () => {
    await cells(page).nth(0).locator('[data-testid="cell-name"]').fill('answers');
    await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
    await expect.poll(() => cells(page).nth(0).locator('[data-testid="execution-count"]').textContent()).toContain('2');
    // Shift+Enter on the last cell added a new one; make it TypeScript.
    expect(await cells(page).count()).toBe(2);
    const ts = cells(page).nth(1);
    if ((await ts.getAttribute('data-language')) !== 'typescript') await ts.locator('[data-testid="language-toggle"]').click();
    expect(await ts.getAttribute('data-language')).toBe('typescript');
    await typeInCell(page, 1, 'console.log("rows:", answers.shape[0])\nanswers["answer"].values[0] * 10');
    await ts.locator('[data-testid="run-cell"]').click();
    await expect.poll(() => ts.locator('[data-testid="output"]').textContent(), { timeout: 15_000 }).toContain('420');
    // What the cell printed; a type warning from the checker, when it is warm in time, is a block of its own.
    expect(await ts.locator('[data-testid="stream-output"]').filter({ hasText: 'rows:' }).textContent()).toContain('rows: 1');
  });

  it('shows a TypeScript error at the line in the cell', async () => {
    await cells(page).nth(1).click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('b');
    expect(await cells(page).count()).toBe(3);
    const c = cells(page).nth(2);
    if ((await c.getAttribute('data-language')) !== 'typescript') await c.locator('[data-testid="language-toggle"]').click();
    await typeInCell(page, 2, 'const fine = 1\nconst broken: any = null\nbroken.field');
    await page.keyboard.press(`${mod}+Enter`);
    const err = c.locator('[data-testid="error-output"]');
    await expect.poll(() => err.textContent(), { timeout: 15_000 }).toMatch(/TypeError/);
    expect(await c.locator('[data-testid="error-line"]').textContent()).toMatch(/3/);
  });

  it('saves, reloads and shows the stored outputs', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press(`${mod}+S`);
    await page.locator('[data-testid="save-as-input"]').fill('e2e.ipynb');
    await page.locator('[data-testid="dialog-ok"]').click();
    const file = join(host.workspace, 'e2e.ipynb');
    await expect.poll(() => existsSync(file), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.locator('[data-testid="dirty-marker"]').count()).toBe(0);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.cells[0].metadata.silt).toMatchObject({ language: 'sql', name: 'answers' });

    const reopened = await openApp(`&path=${encodeURIComponent(file)}`);
    expect(await cells(reopened).count()).toBe(3);
    expect(await cells(reopened).nth(0).locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]').textContent()).toContain('42');
    expect(await cells(reopened).nth(1).locator('[data-testid="output"]').textContent()).toContain('420');
    await reopened.screenshot({ path: join(shots, 'notebook-reopened.png') });
    await reopened.close();
  });

  it('scrolls a 10M-row result end to end without holding all rows', async () => {
    await cells(page).nth(2).click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('b');
    const c = cells(page).nth(3);
    if ((await c.getAttribute('data-language')) !== 'sql') await c.locator('[data-testid="language-toggle"]').click();
    await typeInCell(page, 3, 'SELECT n, n * 2 AS twice FROM range(10000000) t(n)');
    await page.keyboard.press(`${mod}+Enter`);
    const grid = c.locator('[data-testid="grid"]');
    await expect.poll(() => grid.locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 20_000 }).toMatch(/10,000,000 rows/);
    const viewport = grid.locator('[data-testid="grid-viewport"]');
    await viewport.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect
      .poll(() => grid.locator('[data-testid="grid-cell"][data-row="9999999"][data-col="1"]').getAttribute('title'), { timeout: 15_000 })
      .toBe('19999998');
    await viewport.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
    await expect
      .poll(async () => Number(await grid.locator('[data-testid="grid-cell"][data-col="0"]').first().getAttribute('data-row')), {
        timeout: 15_000,
      })
      .toBeGreaterThan(4_000_000);
    // Only what is visible lives in the DOM.
    expect(await grid.locator('[data-testid="grid-cell"]').count()).toBeLessThan(400);
    await page.screenshot({ path: join(shots, 'notebook-10m.png') });
  });

  it('interrupts a long query and the notebook keeps working', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('b');
    const c = cells(page).nth(4);
    if ((await c.getAttribute('data-language')) !== 'sql') await c.locator('[data-testid="language-toggle"]').click();
    await typeInCell(page, 4, 'SELECT count(*) FROM range(100000000000) a');
    await page.keyboard.press(`${mod}+Enter`);
    await expect.poll(() => page.locator('[data-testid="session-status"]').textContent(), { timeout: 10_000 }).toMatch(/busy/i);
    await page.locator('[data-testid="interrupt"]').click();
    await expect.poll(() => c.locator('[data-testid="error-output"]').textContent(), { timeout: 5_000 }).toMatch(/interrupt/i);
    await typeInCell(page, 4, 'SELECT 7 AS seven');
    await page.keyboard.press(`${mod}+Enter`);
    await expect
      .poll(() => c.locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]').textContent(), { timeout: 10_000 })
      .toContain('7');
  });

  it('works from the keyboard alone: insert, switch to markdown, run, delete and undo', async () => {
    const before = await cells(page).count();
    await page.keyboard.press('Escape');
    await page.keyboard.press('a');
    expect(await cells(page).count()).toBe(before + 1);
    await page.keyboard.press('m');
    const selected = page.locator('[data-testid="cell"][data-selected="true"]');
    expect(await selected.getAttribute('data-cell-type')).toBe('markdown');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('# Quarterly numbers\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    await page.keyboard.press('Shift+Enter');
    const rendered = page.locator('[data-testid="markdown-rendered"]').filter({ hasText: 'Quarterly numbers' });
    await expect.poll(() => rendered.locator('h1').count()).toBe(1);
    expect(await rendered.locator('table td').allTextContents()).toEqual(['1', '2']);
    await rendered.click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('d');
    await page.keyboard.press('d');
    expect(await cells(page).count()).toBe(before);
    await page.keyboard.press('z');
    expect(await cells(page).count()).toBe(before + 1);
    await page.screenshot({ path: join(shots, 'notebook-keyboard.png') });
  });
});
