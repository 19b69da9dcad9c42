/**
 * Connection-local state and the live lane in Chromium: a live cell that reads a TEMP table made by
 * an earlier cell does not fail while the user's long cell runs. It says "stale since vN · queued"
 * (with the reason: the TEMP table lives in the user's connection), keeps its old grid, and re-runs
 * with the new version once the long cell ends; a live cell that needs nothing of the user's
 * connection updates beside the long cell meanwhile.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeltaWriter } from '../../kernel/delta';
import { cells, MOD, SHOTS, toCommandMode, toolbarAction, typeInCell } from '../helpers/app';
import { orderRows, startLiveOrdersApp, type LiveOrdersApp } from '../helpers/liveOrdersApp';

let live: LiveOrdersApp;
let conn: DuckDBConnection;
let writer: DeltaWriter;
let page: Page;

beforeAll(async () => {
  live = await startLiveOrdersApp('silt-lane-state-e2e-');
  ({ conn, writer, page } = live);
}, 60_000);

afterAll(async () => {
  await live?.close();
});

const firstValue = (i: number) => cells(page).nth(i).locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]').textContent();
const count = (i: number) => cells(page).nth(i).locator('[data-testid="execution-count"]').textContent();
const errors = (i: number) => cells(page).nth(i).locator('[data-testid="output"]').filter({ hasText: 'Catalog Error' }).count();

async function runCell(i: number, code: string): Promise<void> {
  await typeInCell(page, i, code);
  await page.keyboard.press(`${MOD}+Enter`);
}

describe('a live cell reading a TEMP table while a long cell runs', () => {
  it('is queued, never failing, and re-runs with the new version once the long cell ends', async () => {
    // 0: a TEMP table. 1: live, reads it. 2: live, plain. 3: the long cell.
    await runCell(0, 'CREATE OR REPLACE TEMP TABLE fx AS SELECT 2 AS rate;\nSELECT rate FROM fx');
    await expect.poll(() => firstValue(0), { timeout: 30_000 }).toBe('2');
    await page.click('text=+ Code');
    await runCell(1, 'SELECT count(*) * (SELECT rate FROM fx) AS doubled FROM lab.s.orders');
    await expect.poll(() => firstValue(1), { timeout: 30_000 }).toBe('200');
    await page.click('text=+ Code');
    await runCell(2, 'SELECT count(*) AS n FROM lab.s.orders');
    await expect.poll(() => firstValue(2), { timeout: 30_000 }).toBe('100');
    await toCommandMode(page);
    await cells(page).nth(2).locator('[data-testid="cell-live-toggle"]').click();
    const item = page.locator('[data-testid="live-item"][data-table="lab.s.orders"]');
    await expect.poll(() => item.locator('[data-testid="live-version"]').textContent(), { timeout: 20_000 }).toBe('v1');

    await page.click('text=+ Code');
    await runCell(3, 'SELECT sum(hash(i)) AS x FROM range(1000000000000) t(i)');
    await toCommandMode(page);
    await expect.poll(() => count(3)).toBe('[*]');

    const v2 = await writer.appendFromQuery(conn, orderRows(100, 25));
    // The plain cell re-runs beside the long one.
    await expect.poll(() => firstValue(2), { timeout: 20_000 }).toBe('125');
    expect(await count(3)).toBe('[*]');
    // The TEMP reader is queued, says why, and still shows its last good grid: no Catalog Error.
    const stale = cells(page).nth(1).locator('[data-testid="live-stale"]');
    await expect.poll(() => stale.getAttribute('data-why')).toBe('waiting');
    expect(await stale.textContent()).toBe(`stale since v${v2} · queued`);
    expect(await stale.getAttribute('title')).toContain("reads the TEMP object fx, which lives in the user's connection only");
    expect(await firstValue(1)).toBe('200');
    expect(await errors(1)).toBe(0);

    for (const theme of ['light', 'dark']) {
      for (const [width, height] of [
        [1440, 900],
        [1024, 700],
      ]) {
        await page.setViewportSize({ width, height });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await stale.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `live-lane-temp-queued-${width}-${theme}.png`) });
      }
      await page.click('[data-testid="theme-toggle"]');
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect.poll(() => page.locator('[data-testid="file-menu"]').count()).toBe(0);

    await toolbarAction(page, 'interrupt');
    // 125 rows × rate 2, read through the user's connection once the long cell ended.
    await expect.poll(() => firstValue(1), { timeout: 30_000 }).toBe('250');
    expect(await errors(1)).toBe(0);
    expect(await stale.count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'live-lane-temp-after.png') });
  }, 120_000);
});
