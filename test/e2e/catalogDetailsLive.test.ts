/**
 * A live table's details in the catalog stay true while they are open: after a commit, the pane's
 * Version row says the version its own Live button shows, not the one read when the table was clicked.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeltaWriter } from '../../kernel/delta';
import { SHOTS } from '../helpers/app';
import { orderRows, startLiveOrdersApp, type LiveOrdersApp } from '../helpers/liveOrdersApp';

let live: LiveOrdersApp;
let conn: DuckDBConnection;
let writer: DeltaWriter;
let page: Page;

beforeAll(async () => {
  live = await startLiveOrdersApp('silt-details-live-');
  ({ conn, writer, page } = live);
}, 60_000);

afterAll(async () => {
  await live?.close();
});

describe('the details of a live table in the catalog', () => {
  it('follow each new version: the Version row and the file count match the Live button after a commit', async () => {
    await page.click('[data-testid="catalog-toggle"]');
    const entry = page.locator('[data-testid="catalog-table"][data-name="lab.s.orders"]');
    await expect.poll(() => entry.count(), { timeout: 20_000 }).toBe(1);
    await entry.click();
    const version = page.locator('[data-testid="catalog-version"]');
    const files = page.locator('[data-testid="catalog-files"]');
    // The helper created the table (version 0) and appended its first rows (version 1): one file.
    await expect.poll(() => version.textContent(), { timeout: 20_000 }).toBe('1');
    expect(await files.textContent()).toMatch(/^1 · /);
    const toggle = page.locator('[data-testid="catalog-live"]');
    await toggle.click();
    await expect.poll(() => toggle.textContent(), { timeout: 20_000 }).toBe('Live · v1');

    const v2 = await writer.appendFromQuery(conn, orderRows(100, 25));
    await expect.poll(() => toggle.textContent(), { timeout: 20_000 }).toBe(`Live · v${v2}`);
    await expect.poll(() => version.textContent(), { timeout: 10_000 }).toBe(String(v2));
    // Each append is one more file.
    expect(await files.textContent()).toMatch(/^2 · /);
    await page.screenshot({ path: join(SHOTS, 'catalog-details-live.png') });
  }, 60_000);
});
