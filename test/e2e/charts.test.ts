/**
 * The chart builder as a user drives it in Chromium: a SQL result → Chart… → bar of a column →
 * live preview → Insert chart → a TypeScript cell that runs and shows the chart, then saved as PNG.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, SHOTS, startApp, typeInCell, type RunningApp } from '../helpers/app';
import type { RunningHost } from '../helpers/startHost';

let app: RunningApp;
let host: RunningHost;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  ({ host, page } = app);
});

afterAll(() => app?.close());

/** The rects of the bar mark in SVG text. */
function barCount(svg: string): number {
  const start = svg.indexOf('<g aria-label="bar"');
  return start < 0 ? 0 : (svg.slice(start, svg.indexOf('</g>', start)).match(/<rect /g) ?? []).length;
}

const svgOfImg = async (img: ReturnType<Page['locator']>) =>
  decodeURIComponent((await img.getAttribute('src'))!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));

describe('chart builder', () => {
  it('charts a SQL result, previews it and inserts it as a running TypeScript cell', async () => {
    await typeInCell(
      page,
      0,
      "SELECT ['north', 'south', 'east', 'west'][1 + i % 4] AS region, i % 3 AS tier, i * 1.5 AS amount FROM range(40) t(i)",
    );
    await cells(page).nth(0).locator('[data-testid="cell-name"]').fill('sales');
    await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
    const grid = cells(page).nth(0).locator('[data-testid="grid"]');
    await expect.poll(() => grid.locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 20_000 }).toMatch(/40 rows/);

    await cells(page).nth(0).locator('[data-testid="result-action-chart"]').click();
    const builder = page.locator('[data-testid="chart-builder"]');
    await builder.waitFor();
    await builder.locator('[data-testid="chart-mark-bar"]').click();
    await builder.locator('[data-testid="chart-x"]').selectOption('region');
    await builder.locator('[data-testid="chart-y"]').selectOption('amount');
    await builder.locator('[data-testid="chart-color"]').selectOption('');
    const preview = builder.locator('[data-testid="chart-preview"]');
    await expect.poll(async () => ((await preview.count()) ? barCount(await svgOfImg(preview)) : 0), { timeout: 15_000 }).toBe(4);
    expect(await builder.locator('[data-testid="chart-note"]').textContent()).toContain('40 rows');
    await page.screenshot({ path: join(SHOTS, 'chart-builder.png') });

    await builder.locator('[data-testid="dialog-ok"]').click();
    await expect.poll(() => cells(page).count()).toBeGreaterThanOrEqual(2);
    const chartCell = cells(page).nth(1);
    expect(await chartCell.getAttribute('data-language')).toBe('typescript');
    const img = chartCell.locator('[data-testid="output"] img.rich-image');
    await img.waitFor({ timeout: 20_000 });
    const svg = await svgOfImg(img);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(barCount(svg)).toBe(4);
    expect(await chartCell.locator('.cm-content').textContent()).toContain('FROM "sales"');
    await chartCell.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'chart-inserted.png') });
  });

  it('saves the inserted chart as a PNG in the workspace', async () => {
    const chartCell = cells(page).nth(1);
    await chartCell.locator('[data-testid="svg-export-png"]').click();
    const dialog = page.locator('[data-testid="export-chart-dialog"]');
    await dialog.waitFor();
    const path = join(host.workspace, 'sales-chart.png');
    await dialog.locator('[data-testid="export-chart-path"]').fill(path);
    await dialog.locator('[data-testid="export-chart-width"]').fill('500');
    await dialog.locator('[data-testid="dialog-ok"]').click();
    await expect.poll(() => chartCell.locator('[data-testid="svg-export-saved"]').textContent(), { timeout: 15_000 }).toContain(path);
    expect(existsSync(path)).toBe(true);
    const png = readFileSync(path);
    // 500 CSS px at the default scale of 2.
    expect(png.readUInt32BE(16)).toBe(1000);
  });

  it('charting an unnamed result names it, so the inserted chart still runs after a restart', async () => {
    const before = await cells(page).count();
    await cells(page)
      .nth(before - 1)
      .click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('b');
    const source = cells(page).nth(before);
    // A cell added below a TypeScript cell is TypeScript too.
    if ((await source.getAttribute('data-language')) !== 'sql') await source.locator('[data-testid="language-toggle"]').click();
    await typeInCell(page, before, 'SELECT i % 3 AS bucket, i AS n FROM range(30) t(i)');
    await source.locator('[data-testid="run-cell"]').click();
    await expect.poll(() => source.locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 20_000 }).toMatch(/30 rows/);
    await source.locator('[data-testid="result-action-chart"]').click();
    const builder = page.locator('[data-testid="chart-builder"]');
    await builder.locator('[data-testid="chart-mark-bar"]').click();
    await builder.locator('[data-testid="chart-x"]').selectOption('bucket');
    await builder.locator('[data-testid="chart-y"]').selectOption('n');
    await expect.poll(() => builder.locator('[data-testid="dialog-ok"]').isDisabled(), { timeout: 15_000 }).toBe(false);
    await builder.locator('[data-testid="dialog-ok"]').click();
    await expect.poll(() => source.locator('[data-testid="cell-name"]').inputValue()).toBe('result_1');
    const chartCell = cells(page).nth(before + 1);
    await chartCell.locator('[data-testid="output"] img.rich-image').waitFor({ timeout: 20_000 });
    expect(await chartCell.locator('.cm-content').textContent()).toContain('FROM "result_1"');

    // A restart loses every table; Run all brings the name back from the cell, and the chart draws again.
    await page.click('[data-testid="restart"]');
    await expect.poll(() => page.locator('[data-testid="session-status"]').textContent(), { timeout: 20_000 }).toContain('idle');
    await page.click('[data-testid="run-all"]');
    await expect.poll(() => chartCell.locator('[data-testid="output"] img.rich-image').count(), { timeout: 30_000 }).toBe(1);
    expect(await chartCell.locator('[data-testid="error-output"]').count()).toBe(0);
  });
});
