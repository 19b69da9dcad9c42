/**
 * A cell pinned to versions of a live table (a change feed with an ending bound, or VERSION AS OF)
 * does not follow it: no Live badge, and a commit re-runs the cells that read the table as it is
 * now, never the pinned one (its rows cannot change).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeltaWriter } from '../../kernel/delta';
import { cells, MOD, typeInCell } from '../helpers/app';
import { orderRows, startLiveOrdersApp, type LiveOrdersApp } from '../helpers/liveOrdersApp';

let live: LiveOrdersApp;
let conn: DuckDBConnection;
let writer: DeltaWriter;
let page: Page;

beforeAll(async () => {
  live = await startLiveOrdersApp('silt-live-pinned-e2e-');
  ({ conn, writer, page } = live);
}, 60_000);

afterAll(async () => {
  await live?.close();
});

const first = (i: number) => cells(page).nth(i).locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]');

describe('a cell pinned to versions of a live table', () => {
  it('has no Live badge and does not re-run when the table commits; the cells reading it now do', async () => {
    const v1 = await writer.appendFromQuery(conn, orderRows(100, 10));
    await typeInCell(page, 0, 'SELECT count(*) AS n FROM lab.s.orders');
    await page.keyboard.press(`${MOD}+Enter`);
    await expect.poll(() => first(0).textContent(), { timeout: 30_000 }).toBe('110');
    await page.click('text=+ Code');
    await typeInCell(page, 1, `SELECT count(*) AS n FROM table_changes('lab.s.orders', ${v1}, ${v1})`);
    await page.keyboard.press(`${MOD}+Enter`);
    await expect.poll(() => first(1).textContent(), { timeout: 30_000 }).toBe('10');
    await page.keyboard.press('Escape');
    // A cell below the pinned one that follows the table: re-runs go in notebook order, so once it has
    // re-run, the pinned cell would have too had it been planned.
    await page.click('text=+ Code');
    await typeInCell(page, 2, 'SELECT max(id) AS m FROM lab.s.orders');
    await page.keyboard.press(`${MOD}+Enter`);
    await expect.poll(() => first(2).textContent(), { timeout: 30_000 }).toBe('109');
    await page.keyboard.press('Escape');
    const pinnedCount = await cells(page).nth(1).locator('[data-testid="execution-count"]').textContent();

    await cells(page).nth(0).locator('[data-testid="cell-live-toggle"]').click();
    await expect
      .poll(() => cells(page).nth(0).locator('[data-testid="live-badge-version"]').textContent(), { timeout: 20_000 })
      .toBe(`v${v1}`);
    expect(await cells(page).nth(1).locator('[data-testid="live-badge"]').count()).toBe(0);

    const v2 = await writer.appendFromQuery(conn, orderRows(110, 5));
    await expect.poll(() => first(0).textContent(), { timeout: 20_000 }).toBe('115');
    await expect.poll(() => cells(page).nth(0).locator('[data-testid="live-badge-version"]').textContent()).toBe(`v${v2}`);
    await expect.poll(() => first(2).textContent(), { timeout: 20_000 }).toBe('114');
    // The followed cell re-ran on the commit; the pinned one did not, and still shows no badge.
    expect(await cells(page).nth(1).locator('[data-testid="execution-count"]').textContent()).toBe(pinnedCount);
    expect(await first(1).textContent()).toBe('10');
    expect(await cells(page).nth(1).locator('[data-testid="live-badge"]').count()).toBe(0);
  }, 90_000);
});
