/**
 * The demo walk's AutoML result as a user meets it: orders whose newest rows are all "placed" (not
 * yet shipped), so the time split keeps that status out of training. The result says so before any
 * score and in the leaderboard's caption; the confusion matrix has no white squares on dark (the
 * report was fetched in light and the window switched theme); the insert button says what it inserts.
 * Debian's Chromium against the built `silt serve`.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTheme, shootLooks } from '../helpers/looks';
import { cells, startApp, typeInCell, type RunningApp } from '../helpers/app';

let app: RunningApp;
let page: Page;

/** 300 orders over 100 days; the newest 30 are "placed", the rest delivered, shipped or returned by amount. */
const ORDERS_SQL = `SELECT DATE '2024-01-01' + INTERVAL (i // 3) DAY AS order_date, (i * 37) % 101 + 1 AS amount,
  CASE WHEN i >= 270 THEN 'placed' WHEN (i * 37) % 101 + 1 > 70 THEN 'delivered'
       WHEN (i * 37) % 101 + 1 > 20 THEN 'shipped' ELSE 'returned' END AS status
FROM range(300) t(i) ORDER BY hash(i)`;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});
afterAll(() => app?.close());

describe('an AutoML result where the time split keeps a status out of training', () => {
  it('warns before the scores, in the leaderboard, and names the insert button by what it does', async () => {
    await setTheme(page, 'light');
    await typeInCell(page, 0, ORDERS_SQL);
    await page.keyboard.press('Shift+Enter');
    const grid = cells(page).nth(0).locator('[data-testid="grid"]');
    await expect.poll(() => grid.locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 20_000 }).toMatch(/300 rows/);
    await cells(page).nth(0).locator('[data-testid="result-action-automl"]').click();
    const dialog = page.locator('[data-testid="automl-dialog"]');
    await dialog.locator('[data-testid="automl-column"]').first().waitFor({ timeout: 20_000 });
    await dialog.locator('[data-testid="automl-target"]').selectOption('status');
    await dialog.locator('[data-testid="automl-budget"]').fill('2');
    await dialog.locator('[data-testid="dialog-ok"]').click();
    const report = dialog.locator('[data-testid="automl-report"]');
    await report.waitFor({ timeout: 30_000 });

    const alert = report.getByRole('alert');
    expect(await alert.textContent()).toContain(
      'status = placed occurs only in the newest 10 % of rows (validation), never in training: no model can predict it; ' +
        'a time split on order_date puts all of them in validation.',
    );
    expect(await alert.textContent()).toMatch(/Validation log_loss \S+ includes 30 rows of "placed" .* clipped at 1e-15/);
    // Above the scores, not after them.
    const top = async (l: ReturnType<Page['locator']>) => (await l.boundingBox())!.y;
    expect(await top(alert)).toBeLessThan(await top(report.locator('.automl-metrics')));
    expect(await report.locator('[data-testid="automl-leaderboard-warning"]').textContent()).toMatch(/too few rows/);

    const insert = report.getByRole('button', { name: 'Insert as notebook cells' });
    expect(await insert.getAttribute('title')).toMatch(/reproduce this run step by step: they read the data by the result's name/);

    await shootLooks(page, 'amltruth-result');
    const matrix = report.locator('[data-testid="automl-chart"]', { hasText: 'Confusion matrix' });
    await matrix.scrollIntoViewIfNeeded();
    await shootLooks(page, 'amltruth-confusion');
    await page.setViewportSize({ width: 1440, height: 900 });
    await setTheme(page, 'light');

    await insert.click();
    await dialog.waitFor({ state: 'detached' });
    const heading = cells(page).nth(1).locator('[data-testid="markdown-rendered"] h1');
    await expect.poll(() => heading.textContent()).toBe('Reproduce the AutoML run for status');
  });
});
