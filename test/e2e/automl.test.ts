/**
 * "Train a baseline model…" as a user drives it: a SQL result over a CSV in the workspace, the
 * dialog, the live leaderboard, the report, and the generated notebook inserted below the result.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, SHOTS, startApp, typeInCell, type RunningApp } from '../helpers/app';
import { SHARED } from '../helpers/shared';
import { shootLooks } from '../helpers/looks';

let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
  mkdirSync(app.host.workspace, { recursive: true });
  copyFileSync(join(SHARED, 'data/tabular/pima_diabetes.csv'), join(app.host.workspace, 'pima.csv'));
});

afterAll(() => app?.close());

describe('Train a baseline model from a result grid', () => {
  it('trains with a live leaderboard, shows the report and inserts the notebook', async () => {
    await typeInCell(page, 0, `SELECT * FROM read_csv_auto('${join(app.host.workspace, 'pima.csv')}')`);
    await page.keyboard.press('Shift+Enter');
    const grid = cells(page).nth(0).locator('[data-testid="grid"]');
    await expect.poll(() => grid.locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 20_000 }).toMatch(/768 rows/);
    const before = await cells(page).count();

    await cells(page).nth(0).locator('[data-testid="result-action-automl"]').click();
    const dialog = page.locator('[data-testid="automl-dialog"]');
    expect(await dialog.locator('[data-testid="automl-target"]').inputValue()).toBe('class');
    await dialog.locator('[data-testid="automl-budget"]').fill('4');
    await dialog.locator('[data-testid="dialog-ok"]').click();

    const rows = dialog.locator('[data-testid="automl-leaderboard-row"]');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    expect(await dialog.locator('[data-testid="automl-running"]').textContent()).toMatch(/Trial \d+: .* best 0\.\d+/);
    await page.screenshot({ path: join(SHOTS, 'automl-running.png') });

    const report = dialog.locator('[data-testid="automl-report"]');
    await report.waitFor({ timeout: 30_000 });
    expect(Number(await report.locator('[data-testid="automl-score"]').textContent())).toBeGreaterThan(0.75);
    expect(await report.locator('[data-testid="automl-chart"]').count()).toBeGreaterThanOrEqual(3);
    expect(await report.locator('[data-testid="automl-leaderboard-row"]').count()).toBeGreaterThanOrEqual(3);
    // How to read the numbers, as the exported report says it: the score's direction, why rows were
    // shuffled (pima has no time column), what train and validation measure, the importance's rows.
    expect(await report.locator('[data-testid="automl-score-reading"]').textContent()).toBe('(higher is better)');
    expect(await report.locator('[data-testid="automl-split-note"]').textContent()).toMatch(
      /^No date or time column was found, so rows were shuffled/,
    );
    expect(await report.locator('[data-testid="automl-metrics-note"]').textContent()).toMatch(
      /^train: the final model scored on its own training rows \(optimistic\)/,
    );
    const importance = report.locator('[data-testid="automl-chart"]', { hasText: 'Permutation importance' });
    expect(await importance.locator('.automl-chart-note').textContent()).toMatch(
      /^Measured on \d+ training rows, which the model was fitted on/,
    );
    // The note wraps at the chart's width: it does not widen the figure.
    const [figure, chart] = await Promise.all([importance.boundingBox(), importance.locator('img').boundingBox()]);
    expect(figure!.width).toBeLessThanOrEqual(chart!.width + 1);
    await shootLooks(page, 'automl-report-notes');
    await page.screenshot({ path: join(SHOTS, 'automl-report.png') });
    await report.locator('[data-testid="automl-chart"]').nth(2).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'automl-report-charts.png') });

    await report.locator('[data-testid="automl-add-to-session"]').click();
    await expect.poll(() => report.locator('[data-testid="automl-message"]').textContent()).toMatch(/model_class is defined/);

    await report.locator('[data-testid="automl-insert"]').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => cells(page).count()).toBe(before + 9);
    expect(await cells(page).nth(1).textContent()).toMatch(/Reproduce the AutoML run for/);
    expect(await cells(page).nth(7).textContent()).toContain('trainSingleModel');
    // The unnamed result got a name, and the inserted cells read the data by it.
    expect(await cells(page).nth(0).locator('[data-testid="cell-name"]').inputValue()).toBe('result_1');
    const sources = (await cells(page).locator('.cm-content').allTextContents()).join('\n');
    expect(sources).toContain('automl.table("result_1")');
    expect(sources).not.toContain('__silt_');
  });
});
