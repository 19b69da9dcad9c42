/**
 * The variables panel while a long cell runs, in Chromium. A TEMP table is seen only by the user's
 * connection, which the running cell holds: the panel opened meanwhile lists it with its last measure,
 * marked "last known" (the table may have changed since), never with a blank size, and measures it
 * again once the cell ends. A TEMP table the running cell itself made is listed at once, with its
 * columns and "size unknown" (until the run ends), not missing until the cell ends.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shootLooks } from '../helpers/looks';
import { cells, MOD, SHOTS, startApp, toCommandMode, toolbarAction, typeInCell, type RunningApp } from '../helpers/app';

let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
  mkdirSync(SHOTS, { recursive: true });
}, 60_000);
afterAll(async () => app?.close());

const count = (i: number) => cells(page).nth(i).locator('[data-testid="execution-count"]').textContent();
const row = (name: string) => page.locator(`[data-testid="variable-row"][data-name="${name}"]`);
const shape = (name: string) => row(name).locator('[data-testid="variable-shape"]');

async function runCell(i: number, code: string): Promise<void> {
  await typeInCell(page, i, code);
  await page.keyboard.press(`${MOD}+Enter`);
}

describe('the variables panel while a cell runs', () => {
  it('shows a TEMP table’s last measure, marked last known, and measures it again once the cell ends', async () => {
    await runCell(0, 'CREATE TEMP TABLE scratch AS SELECT range AS id FROM range(3)');
    await expect.poll(() => count(0), { timeout: 30_000 }).toBe('[1]');
    const tab = page.locator('[data-testid="side-tab-variables"]');
    await tab.click();
    await expect.poll(() => shape('scratch').textContent(), { timeout: 15_000 }).toBe('3 × 1');
    await tab.click();

    // A query only Interrupt ends, on the user's connection.
    await page.click('text=+ Code');
    await runCell(1, 'SELECT count(*) FROM range(100000000000) t WHERE t.range % 7 = 3');
    await toCommandMode(page);
    await expect.poll(() => count(1)).toBe('[*]');
    await tab.click();
    // On a line of its own under the numbers: the narrow column would cut it off beside them.
    await expect.poll(() => shape('scratch').innerText(), { timeout: 15_000 }).toBe('3 × 1\nlast known');
    expect(await shape('scratch').getAttribute('data-measure')).toBe('last-known');
    expect(await shape('scratch').getAttribute('title')).toMatch(
      /^3 × 1: Measured at \d\d:\d\d:\d\d, before the running cell: only its connection sees this TEMP table/,
    );
    expect(await row('scratch').locator('.variable-bytes').textContent()).not.toBe('');
    expect(await count(1)).toBe('[*]');

    await shootLooks(page, 'variables-last-known');
    await page.setViewportSize({ width: 1280, height: 900 });

    await toolbarAction(page, 'interrupt');
    await expect.poll(() => count(1), { timeout: 30_000 }).not.toBe('[*]');
    await expect.poll(() => shape('scratch').innerText(), { timeout: 15_000 }).toBe('3 × 1');
    expect(await shape('scratch').getAttribute('data-measure')).toBeNull();
  }, 120_000);

  it('lists a TEMP table the running cell made, with its columns and "size unknown" until the run ends, then measures it', async () => {
    const tab = page.locator('[data-testid="side-tab-variables"]');
    // Read while idle first: the panel's last idle read knows scratch, not the table made below.
    if ((await row('scratch').count()) === 0) await tab.click();
    await expect.poll(() => shape('scratch').innerText(), { timeout: 15_000 }).toBe('3 × 1');
    expect(await row('made_now').count()).toBe(0);
    await tab.click();

    await page.click('text=+ Code');
    // A TypeScript cell: it says when its TEMP table is made, so the panel opens after that, not before.
    const cell = cells(page).nth(2);
    await typeInCell(
      page,
      2,
      "await sql`CREATE TEMP TABLE made_now AS SELECT range AS id, 'x' || range AS label FROM range(5)`;\n" +
        "console.log('made');\n" +
        'await sql`SELECT count(*) FROM range(100000000000) t WHERE t.range % 7 = 3`;',
    );
    if ((await cell.getAttribute('data-language')) !== 'typescript') await cell.locator('[data-testid="language-toggle"]').click();
    await cell.locator('[data-testid="run-cell"]').click();
    await expect.poll(() => cell.locator('[data-testid="stream-output"]').textContent(), { timeout: 30_000 }).toBe('made\n');
    expect(await count(2)).toBe('[*]');
    await tab.click();
    await expect.poll(() => shape('made_now').innerText(), { timeout: 15_000 }).toBe('2 cols\nsize unknown');
    expect(await shape('made_now').getAttribute('data-measure')).toBe('after-run');
    expect(await shape('made_now').getAttribute('title')).toMatch(/^2 cols: Size unknown until the run ends/);
    expect(await row('made_now').locator('.variable-bytes').textContent()).toBe('');
    expect(await count(2)).toBe('[*]');
    await shootLooks(page, 'variables-made-during-run');
    await page.setViewportSize({ width: 1280, height: 900 });

    await toolbarAction(page, 'interrupt');
    await expect.poll(() => count(2), { timeout: 30_000 }).not.toBe('[*]');
    await expect.poll(() => shape('made_now').innerText(), { timeout: 15_000 }).toBe('5 × 2');
    expect(await shape('made_now').getAttribute('data-measure')).toBeNull();
  }, 120_000);
});
