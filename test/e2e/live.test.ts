/**
 * A live SQL cell in Chromium: a shared table gets a commit while the notebook is open, and the
 * cell's result and its live badge follow without any user action; a scrolled grid keeps its place.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeltaWriter } from '../../kernel/delta';
import { cells, MOD, SHOTS, toolbarAction, typeInCell } from '../helpers/app';
import { orderRows, startLiveOrdersApp, type LiveOrdersApp } from '../helpers/liveOrdersApp';

let live: LiveOrdersApp;
let conn: DuckDBConnection;
let writer: DeltaWriter;
let page: Page;
const rows = orderRows;

beforeAll(async () => {
  live = await startLiveOrdersApp('silt-live-e2e-');
  ({ conn, writer, page } = live);
}, 60_000);

afterAll(async () => {
  await live?.close();
});

describe('live tables in the notebook', () => {
  it('a live SQL cell updates its result and badge after a commit, without user action', async () => {
    const cell = cells(page).nth(0);
    await typeInCell(page, 0, 'SELECT count(*) AS n FROM lab.s.orders');
    await page.keyboard.press(`${MOD}+Enter`);
    await expect
      .poll(() => cell.locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]').textContent(), { timeout: 30_000 })
      .toBe('100');

    // A second cell with more rows than fit, scrolled down: a re-run must not throw the reader back to the top.
    await page.click('text=+ Code');
    await typeInCell(page, 1, 'SELECT * FROM lab.s.orders ORDER BY id');
    await page.keyboard.press(`${MOD}+Enter`);
    // Leave edit mode: a live update leaves the cell being typed in alone.
    await page.keyboard.press('Escape');
    const grid = cells(page).nth(1).locator('[data-testid="grid-viewport"]');
    await expect
      .poll(() => cells(page).nth(1).locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 30_000 })
      .toMatch(/^100 rows/);
    await grid.evaluate((el) => (el.scrollTop = 600));

    await cell.locator('[data-testid="cell-live-toggle"]').click();
    const item = page.locator('[data-testid="live-item"][data-table="lab.s.orders"]');
    await expect.poll(() => item.locator('[data-testid="live-version"]').textContent(), { timeout: 20_000 }).toBe('v1');
    await expect.poll(() => cell.locator('[data-testid="live-badge-version"]').textContent()).toBe('v1');
    expect(await cell.locator('[data-testid="cell-live-toggle"]').getAttribute('aria-pressed')).toBe('true');

    // Saved now: what a live refresh writes is saved with the next save, but it is not an edit.
    await toolbarAction(page, 'save-as');
    const name = page.getByRole('dialog').locator('input').first();
    await name.fill('live-orders.ipynb');
    await name.press('Enter');
    await expect.poll(() => page.locator('[data-testid="notebook-title"]').textContent()).toContain('live-orders.ipynb');
    await expect.poll(() => page.locator('[data-testid="dirty-marker"]').count()).toBe(0);

    const v2 = await writer.appendFromQuery(conn, rows(100, 25));
    await expect
      .poll(() => cell.locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]').textContent(), { timeout: 20_000 })
      .toBe('125');
    await expect.poll(() => cell.locator('[data-testid="live-badge-version"]').textContent()).toBe(`v${v2}`);
    expect(await item.locator('[data-testid="live-version"]').textContent()).toBe(`v${v2}`);
    await expect.poll(() => cells(page).nth(1).locator('[data-testid="grid-rowcount"]').textContent()).toMatch(/^125 rows/);
    expect(await grid.evaluate((el) => el.scrollTop)).toBe(600);
    // The refresh changed the outputs, not the notebook: still saved, no dot, no bullet in the title.
    expect(await page.locator('[data-testid="dirty-marker"]').count()).toBe(0);
    expect(await page.title()).not.toContain('•');

    await page.screenshot({ path: join(SHOTS, 'live.png') });
  }, 90_000);

  it('a cell over the live table that has not run says so in its badge, until it runs', async () => {
    await page.click('text=+ Code');
    await expect.poll(() => cells(page).count()).toBe(3);
    const fresh = cells(page).nth(2);
    await typeInCell(page, 2, 'SELECT count(*) AS n FROM lab.s.orders');
    await page.keyboard.press('Escape');
    // Its badge names the table's version, and that the cell shows nothing of it yet.
    await expect.poll(() => fresh.locator('[data-testid="live-badge-notrun"]').textContent(), { timeout: 20_000 }).toBe('not run');
    expect(await fresh.locator('[data-testid="live-badge-version"]').textContent()).toBe('v2');
    await fresh.screenshot({ path: join(SHOTS, 'live-not-run.png') });
    await fresh.locator('[data-testid="run-cell"]').click();
    await expect
      .poll(() => fresh.locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]').textContent(), { timeout: 20_000 })
      .toBe('125');
    expect(await fresh.locator('[data-testid="live-badge-notrun"]').count()).toBe(0);
  }, 60_000);

  it('the catalog shows the table live, and stopping it there removes the badge and the strip', async () => {
    await page.click('[data-testid="catalog-toggle"]');
    const entry = page.locator('[data-testid="catalog-table"][data-name="lab.s.orders"]');
    await expect.poll(() => entry.count(), { timeout: 20_000 }).toBe(1);
    // The tree marks the live table with the same dot as the cell headers.
    await expect.poll(() => entry.locator('[data-testid="catalog-table-live"]').getAttribute('data-state')).toBe('live');
    await entry.click();
    const toggle = page.locator('[data-testid="catalog-live"]');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await toggle.textContent()).toBe('Live · v2');
    await toggle.click();
    await expect.poll(() => page.locator('[data-testid="live-strip"]').count()).toBe(0);
    expect(await cells(page).nth(0).locator('[data-testid="live-badge"]').count()).toBe(0);
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await entry.locator('[data-testid="catalog-table-live"]').count()).toBe(0);
  }, 60_000);
});
