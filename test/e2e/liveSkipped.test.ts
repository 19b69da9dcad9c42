/**
 * A live re-run that stops at a failing cell: the cells after it never re-ran, so their outputs are
 * the old version's. They say so ("stale since vN · skipped", with Run) instead of looking current.
 * Real sharing server, a Delta table the test appends to, the app in Chromium.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, MOD, SHOTS, toCommandMode, typeInCell } from '../helpers/app';
import { orderRows, startLiveOrdersApp, type LiveOrdersApp } from '../helpers/liveOrdersApp';

let live: LiveOrdersApp;
let page: Page;

beforeAll(async () => {
  live = await startLiveOrdersApp('silt-skipped-e2e-');
  page = live.page;
}, 60_000);

afterAll(async () => {
  await live?.close();
});

const firstValue = (i: number) => cells(page).nth(i).locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]').textContent();

describe('a live re-run cut short by an error', () => {
  it('marks the cells after the failing one as skipped, with Run', async () => {
    // A fails once the table has more than 100 rows; B reads A's result, so it re-runs after A.
    await cells(page).nth(0).locator('[data-testid="cell-name"]').fill('checked');
    await typeInCell(
      page,
      0,
      "SELECT CASE WHEN count(*) > 100 THEN error('more than 100 orders') ELSE count(*) END AS n FROM lab.s.orders",
    );
    await page.keyboard.press(`${MOD}+Enter`);
    await expect.poll(() => firstValue(0), { timeout: 30_000 }).toBe('100');
    await page.click('text=+ Code');
    await typeInCell(page, 1, 'SELECT n + 1 AS m FROM checked');
    await page.keyboard.press(`${MOD}+Enter`);
    await expect.poll(() => firstValue(1), { timeout: 30_000 }).toBe('101');
    await toCommandMode(page);
    await cells(page).nth(0).locator('[data-testid="cell-live-toggle"]').click();
    const item = page.locator('[data-testid="live-item"][data-table="lab.s.orders"]');
    await expect.poll(() => item.locator('[data-testid="live-version"]').textContent(), { timeout: 20_000 }).toBe('v1');

    const version = await live.writer.appendFromQuery(live.conn, orderRows(100, 25));
    await expect
      .poll(() => cells(page).nth(0).locator('[data-testid="output"]').textContent(), { timeout: 30_000 })
      .toContain('more than 100 orders');
    const stale = cells(page).nth(1).locator('[data-testid="live-stale"]');
    await expect.poll(() => stale.getAttribute('data-why'), { timeout: 10_000 }).toBe('skipped');
    expect(await stale.locator('[role="status"]').textContent()).toBe(`stale since v${version} · skipped`);
    // Its grid still shows what the old version gave: the marker is what says it is old.
    expect(await firstValue(1)).toBe('101');
    await page.screenshot({ path: join(SHOTS, 'live-skipped.png') });

    // Run re-runs B on what A last made (A's failed run left its table as it was); the marker goes.
    await stale.locator('[data-testid="live-stale-run"]').click();
    await expect.poll(() => stale.count(), { timeout: 30_000 }).toBe(0);
    expect(await firstValue(1)).toBe('101');
  });
});
