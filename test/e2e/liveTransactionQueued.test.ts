/**
 * A live cell's badge while its re-run waits behind the analyst's open transaction, in Chromium. The
 * analyst ran BEGIN and changed a local table the live cell reads, then started a slow cell that ends
 * with COMMIT. When the shared table gets a new version, the window sends the re-run (it cannot know
 * the transaction is open) and the session holds it back: the badge says "stale since v2 · queued:
 * your transaction (BEGIN) is open" until the slow cell has committed and the re-run starts; then the
 * badge is gone and the cell shows the committed total.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeltaWriter } from '../../kernel/delta';
import { cells, SHOTS, toCommandMode } from '../helpers/app';
import { cellCount, cellValue, openTransactionScene, runCell as runCellIn } from '../helpers/transactionScene';
import { orderRows, startLiveOrdersApp, type LiveOrdersApp } from '../helpers/liveOrdersApp';

let live: LiveOrdersApp;
let conn: DuckDBConnection;
let writer: DeltaWriter;
let page: Page;

beforeAll(async () => {
  live = await startLiveOrdersApp('silt-live-queued-e2e-');
  ({ conn, writer, page } = live);
}, 60_000);

afterAll(async () => {
  await live?.close();
});

const value = (i: number, col: number) => cellValue(page, i, col);
const count = (i: number) => cellCount(page, i);

const runCell = (i: number, code: string) => runCellIn(page, i, code);

describe('a live cell queued behind the user’s transaction', () => {
  it('says so on its badge while queued, and the badge goes once the transaction is committed and it re-ran', async () => {
    // 0: a local table. 1: live, reads it and the shared table. 2: BEGIN and a change. 3: slow, then COMMIT.
    await openTransactionScene(page);
    // It ends when the test writes `release` (an Interrupt of a running query would abort the transaction: DuckDB does).
    const release = join(mkdtempSync(join(tmpdir(), 'silt-live-queued-release-')), 'release');
    await runCell(
      3,
      `const fs = process.getBuiltinModule('fs');\nwhile (!fs.existsSync(${JSON.stringify(release)})) await new Promise((r) => setTimeout(r, 50));\nawait query('COMMIT');\n'committed'`,
    );
    await toCommandMode(page);
    await expect.poll(() => count(3)).toBe('[*]');

    const badge = cells(page).nth(1).locator('[data-testid="live-stale"]');
    expect(await badge.count()).toBe(0);
    await writer.appendFromQuery(conn, orderRows(100, 25));
    await expect.poll(() => badge.textContent(), { timeout: 20_000 }).toBe('stale since v2 · queued: your transaction (BEGIN) is open');
    expect(await badge.getAttribute('data-why')).toBe('queued');
    expect(await badge.getByRole('status').getAttribute('aria-label')).toBe(
      'stale since v2: lab.s.orders changed to v2; its re-run waits for the running cell, then runs in your connection: ' +
        'your transaction (BEGIN) is open and changed budget: only your connection sees its changes',
    );
    // Queued is not a choice to make: no Run button while the session holds it.
    expect(await badge.locator('[data-testid="live-stale-run"]').count()).toBe(0);
    expect(await count(3)).toBe('[*]');

    for (const theme of ['light', 'dark']) {
      for (const [width, height] of [
        [1440, 900],
        [1024, 700],
      ]) {
        await page.setViewportSize({ width, height });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await badge.scrollIntoViewIfNeeded();
        // The waiting line beside the badges gives way (ellipsis) inside the cell instead of running past it.
        const header = await cells(page).nth(1).locator('.cell-header').boundingBox();
        const waiting = await cells(page).nth(1).locator('[data-testid="download-progress"]').boundingBox();
        expect(waiting!.x + waiting!.width).toBeLessThanOrEqual(header!.x + header!.width + 1);
        await page.screenshot({ path: join(SHOTS, `live-queued-${width}-${theme}.png`) });
      }
      await page.click('[data-testid="theme-toggle"]');
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // The slow cell commits and ends; the re-run then starts, outside any transaction: the badge goes,
    // and the cell shows the committed total (by hand: four rows of 10 and one of 100) over v2's rows.
    writeFileSync(release, '');
    await expect.poll(() => count(3), { timeout: 30_000 }).not.toBe('[*]');
    await expect.poll(() => badge.count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => value(1, 1), { timeout: 30_000 }).toBe('140');
    expect(await value(1, 0)).toBe('125');
    await page.screenshot({ path: join(SHOTS, 'live-queued-after-commit.png') });
  }, 120_000);
});
