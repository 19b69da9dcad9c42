/**
 * The dialog's column list and time split as a user meets them: on a result with a planted leak, an
 * id and an order date, the flagged columns start unchecked with their reasons, the split says it is
 * by time, a flagged column can be checked back, and the report names the split and the ensemble.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, SHOTS, startApp, typeInCell, type RunningApp } from '../helpers/app';

let app: RunningApp;
let page: Page;

const u = (salt: string) => `((hash(i, '${salt}') % 1000003) / 1000003.0)`;
const ORDERS_SQL = `SELECT 'O' || lpad(i::VARCHAR, 6, '0') AS order_id, DATE '2024-01-01' + (i // 4)::INT AS order_date,
  round(50 + ${u('a')} * 500, 2) AS amount, ['north', 'south', 'east'][1 + (i % 3)::INT] AS region,
  CASE WHEN ${u('y')} < 0.2 + amount / 1000 THEN 'returned' ELSE 'kept' END AS status,
  CASE WHEN status = 'returned' THEN 'refund_issued' ELSE 'order_closed' END AS last_event_type
FROM range(400) t(i)`;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});
afterAll(() => app?.close());

async function shoot(name: string): Promise<void> {
  for (const [w, h] of [
    [1440, 900],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    for (const theme of ['light', 'dark']) {
      // A click through the dialog's backdrop would close it: press the toggle from script instead.
      if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme)
        await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid="theme-toggle"]')!.click());
      await page.screenshot({ path: join(SHOTS, `${name}-${w}x${h}-${theme}.png`) });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
    }
  }
}

describe('choosing columns and the split in the AutoML dialog', () => {
  it('starts flagged columns unchecked with reasons, splits by time, and reports what it used', async () => {
    await typeInCell(page, 0, ORDERS_SQL);
    await page.keyboard.press('Shift+Enter');
    const grid = cells(page).nth(0).locator('[data-testid="grid"]');
    await expect.poll(() => grid.locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 20_000 }).toMatch(/400 rows/);
    await cells(page).nth(0).locator('[data-testid="result-action-automl"]').click();
    const dialog = page.locator('[data-testid="automl-dialog"]');
    const column = (name: string) => dialog.locator(`[data-testid="automl-column"][data-column="${name}"]`);
    await column('amount').waitFor({ timeout: 20_000 });

    // The session guessed the label, not the last (event-type) column.
    expect(await dialog.locator('[data-testid="automl-target"]').inputValue()).toBe('status');
    expect(await column('last_event_type').getAttribute('data-flag')).toBe('leak');
    expect(await column('last_event_type').locator('input').isChecked()).toBe(false);
    expect(await column('last_event_type').textContent()).toMatch(/alone predicts status with 100\.0 % accuracy/);
    expect(await column('order_id').getAttribute('data-flag')).toBe('id');
    expect(await column('order_id').locator('input').isChecked()).toBe(false);
    expect(await column('amount').locator('input').isChecked()).toBe(true);
    expect(await dialog.locator('[data-testid="automl-time-column"]').inputValue()).toBe('auto');
    expect(await dialog.locator('[data-testid="automl-split"]').textContent()).toContain(
      'rolling folds by order_date, each validated on rows newer than it trained on; the holdout is the most recent 20 %',
    );
    await shoot('automl-columns');
    await page.setViewportSize({ width: 1440, height: 900 });

    // Another target gets its own checks (from the rows the session kept), and back again the first's.
    await dialog.locator('[data-testid="automl-target"]').selectOption('region');
    await column('status').waitFor({ timeout: 20_000 });
    expect(await column('region').count()).toBe(0);
    await dialog.locator('[data-testid="automl-target"]').selectOption('status');
    await column('region').waitFor({ timeout: 20_000 });
    expect(await column('status').count()).toBe(0);
    expect(await column('last_event_type').getAttribute('data-flag')).toBe('leak');
    expect(await column('order_id').getAttribute('data-flag')).toBe('id');

    // Leave region out; the run then uses only amount and order_date.
    await column('region').locator('input').uncheck();
    await dialog.locator('[data-testid="automl-budget"]').fill('3');
    await dialog.locator('[data-testid="dialog-ok"]').click();
    const caption = dialog.locator('[data-testid="automl-leaderboard-split"]');
    await expect.poll(() => caption.textContent(), { timeout: 20_000 }).toContain('time split on order_date');
    const report = dialog.locator('[data-testid="automl-report"]');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.locator('[data-testid="automl-report-split"]').textContent()).toMatch(
      /time split on order_date: 3 rolling folds \(validation slices from [\d-]+, [\d-]+, 2024-03-21\), each trained only on older rows; holdout = newest 20 % \(from 2024-03-21, trained on rows up to 2024-03-20\)/,
    );
    expect(await report.locator('[data-testid="automl-ensemble"]').textContent()).toMatch(/final model/i);
    expect(await report.locator('[data-testid="automl-flagged"]').textContent()).toMatch(
      /last_event_type[\s\S]*order_id|order_id[\s\S]*last_event_type/,
    );
    expect(await report.textContent()).toMatch(/region \(excluded by you\)/);
    const labels = await report.locator('[data-testid="automl-leaderboard-row"] td:nth-child(2)').allTextContents();
    expect(labels.every((l) => /^[a-z ]+ #\d+/.test(l))).toBe(true);
    expect(await report.locator('[data-testid="automl-report-path"]').inputValue()).toBe('models/model_status_report.html');
    await shoot('automl-report-split');
  });
});
