/**
 * The scene the live-transaction e2e tests share: a local table `budget` (five rows of 10), a live cell
 * over it and the shared `lab.s.orders` (cell 1, showing n = 100 and total = 50 at v1), the analyst's
 * BEGIN with an UPDATE of `budget` (cell 2), and an empty TypeScript cell 3 for the test's slow code.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { cells, MOD, toCommandMode, typeInCell } from './app';

/** The first row's value in column `col` of cell `i`'s grid. */
export const cellValue = (page: Page, i: number, col: number) =>
  cells(page).nth(i).locator(`[data-testid="grid-cell"][data-row="0"][data-col="${col}"]`).textContent();

/** Cell `i`'s execution count as shown ("[3]", "[*]"). */
export const cellCount = (page: Page, i: number) => cells(page).nth(i).locator('[data-testid="execution-count"]').textContent();

export async function runCell(page: Page, i: number, code: string): Promise<void> {
  await typeInCell(page, i, code);
  await page.keyboard.press(`${MOD}+Enter`);
}

export async function openTransactionScene(page: Page): Promise<void> {
  await runCell(page, 0, `CREATE OR REPLACE TABLE budget AS SELECT 'k' || i AS k, 10 AS amount FROM range(5) t(i)`);
  await expect.poll(() => cellCount(page, 0), { timeout: 30_000 }).toBe('[1]');
  await page.click('text=+ Code');
  await runCell(page, 1, 'SELECT count(*) AS n, (SELECT sum(amount) FROM budget) AS total FROM lab.s.orders');
  await expect.poll(() => cellValue(page, 1, 1), { timeout: 30_000 }).toBe('50');
  await toCommandMode(page);
  await cells(page).nth(1).locator('[data-testid="cell-live-toggle"]').click();
  const item = page.locator('[data-testid="live-item"][data-table="lab.s.orders"]');
  await expect.poll(() => item.locator('[data-testid="live-version"]').textContent(), { timeout: 20_000 }).toBe('v1');
  await page.click('text=+ Code');
  await runCell(page, 2, `BEGIN;\nUPDATE budget SET amount = 100 WHERE k = 'k0'`);
  await expect.poll(() => cellCount(page, 2), { timeout: 30_000 }).toBe('[3]');
  await page.click('text=+ Code');
  const slow = cells(page).nth(3);
  if ((await slow.getAttribute('data-language')) !== 'typescript') await slow.locator('[data-testid="language-toggle"]').click();
}
