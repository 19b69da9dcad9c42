/**
 * What a new analyst sees on a first walk through the app: a result of a few columns keeps its tool
 * bar (row count, copy, profile, model, chart, export…) on one line instead of stacking its buttons
 * in two ragged rows, and never pushes the page sideways. Debian's Chromium against the built
 * `silt serve`.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, MOD, SHOTS, startApp, typeInCell, type RunningApp } from '../helpers/app';

let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});
afterAll(() => app?.close());

async function setTheme(theme: 'light' | 'dark'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.dataset.theme ?? 'light')) !== theme)
    await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid="theme-toggle"]')!.click());
}

/** How far apart, in px, the middles of the grid's row count and its tool buttons are: under 10 is one line. */
const metaSpread = (grid: ReturnType<typeof cells>) =>
  grid.evaluate((g) => {
    const meta = g.querySelector<HTMLElement>('.grid-meta')!;
    const parts = [meta.querySelector('[data-testid="grid-rowcount"]')!, ...meta.querySelectorAll('button')];
    const middles = parts.map((p) => {
      const b = p.getBoundingClientRect();
      return (b.top + b.bottom) / 2;
    });
    return Math.max(...middles) - Math.min(...middles);
  });

describe('a result of two columns', () => {
  it('keeps its tool bar on one line when the cell has the room, and stays within the cell when it has not', async () => {
    await typeInCell(page, 0, "SELECT 'Audi' AS make, 12 AS orders");
    await page.keyboard.press('Shift+Enter');
    const grid = cells(page).nth(0).locator('[data-testid="grid"]');
    await grid.locator('[data-testid="result-action-publish"]').waitFor({ timeout: 20_000 });
    for (const [w, h] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      for (const theme of ['light', 'dark'] as const) {
        await setTheme(theme);
        await page.screenshot({ path: join(SHOTS, `firstLook-toolbar-${w}-${theme}.png`) });
      }
      if (w === 1440) expect(await metaSpread(grid)).toBeLessThan(10);
      const [gridRight, cellRight] = await Promise.all([
        grid.evaluate((g) => g.getBoundingClientRect().right),
        cells(page)
          .nth(0)
          .locator('[data-testid="cell-editor"]')
          .evaluate((e) => e.getBoundingClientRect().right),
      ]);
      expect(gridRight).toBeLessThanOrEqual(cellRight + 0.5);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
    }
    await setTheme('light');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('profiles its one row without calling the exact distinct counts approximate', async () => {
    const grid = cells(page).nth(0).locator('[data-testid="grid"]');
    await grid.locator('[data-testid="grid-profile"]').click();
    const panel = grid.locator('[data-testid="profile-panel"]');
    await panel.locator('[data-testid="profile-column"][data-column="make"] [data-stat="distinct"]').waitFor({ timeout: 20_000 });
    expect(await panel.locator('.colprof-note').textContent()).toBe('all 1 row');
    await grid.locator('[data-testid="grid-profile"]').click();
  });
});

describe('an error, then an edit', () => {
  // A TypeScript error: its message quotes no line, so the strip under it shows the line (a SQL
  // error's message carries DuckDB's own LINE block instead, and the strip stays hidden).
  it('keeps showing the line that failed, not whatever line now has its number', async () => {
    const cell = cells(page).nth(0);
    await cell.locator('[data-testid="language-toggle"]').click();
    await expect.poll(() => cell.getAttribute('data-language')).toBe('typescript');
    await typeInCell(page, 0, 'nosuchname.field');
    await page.keyboard.press(`${MOD}+Enter`);
    const error = cell.locator('[data-testid="error-line"]');
    await expect.poll(() => error.locator('code').textContent(), { timeout: 20_000 }).toBe('nosuchname.field');
    expect(await error.isVisible()).toBe(true);
    // A comment added above, not run: line 1 is now the comment, but the error is still about the name.
    await cell.locator('.cm-content').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.insertText('// which name?\n');
    await expect.poll(() => cell.locator('.cm-content').textContent()).toMatch(/^\/\/ which name\?nosuchname/);
    // Polled: the edit re-renders the output (it must keep the old text); one frame may lag the editor.
    await expect.poll(() => error.textContent()).toBe('line 1nosuchname.field');
    await page.screenshot({ path: join(SHOTS, 'firstLook-error-edited.png') });
  });
});
