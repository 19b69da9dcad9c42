/**
 * A live cell while the analyst's own transaction is open, in Chromium: the analyst ran BEGIN and
 * changed a local table the live cell reads. When the shared table gets a new version while another cell of theirs runs,
 * the live cell waits for it and says why on its running line (the open transaction), then re-runs
 * inside the transaction: it shows the total the analyst's own cells show, not the committed one.
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
  live = await startLiveOrdersApp('silt-live-txn-e2e-');
  ({ conn, writer, page } = live);
}, 60_000);

afterAll(async () => {
  await live?.close();
});

const value = (i: number, col: number) => cellValue(page, i, col);
const count = (i: number) => cellCount(page, i);

const runCell = (i: number, code: string) => runCellIn(page, i, code);

describe('a live cell while the user’s transaction is open', () => {
  it('waits for the running cell, says the open transaction is why, and shows the transaction’s total', async () => {
    // 0: a local table. 1: live, reads it and the shared table. 2: the analyst's transaction. 3: a cell that takes a while.
    await openTransactionScene(page);
    // It ends when the test writes `release` (an Interrupt of a running query would abort the transaction: DuckDB does).
    const release = join(mkdtempSync(join(tmpdir(), 'silt-live-txn-release-')), 'release');
    await runCell(
      3,
      `const fs = process.getBuiltinModule('fs');\nwhile (!fs.existsSync(${JSON.stringify(release)})) await new Promise((r) => setTimeout(r, 50));\n'released'`,
    );
    await toCommandMode(page);
    await expect.poll(() => count(3)).toBe('[*]');

    await writer.appendFromQuery(conn, orderRows(100, 25));
    const waiting = cells(page).nth(1).locator('[data-testid="download-progress"]');
    await expect
      .poll(() => waiting.getAttribute('title'), { timeout: 20_000 })
      .toBe('Waits for the running cell: your transaction (BEGIN) is open and changed budget: only your connection sees its changes');
    expect(await count(3)).toBe('[*]');
    for (const theme of ['light', 'dark']) {
      for (const [width, height] of [
        [1440, 900],
        [1024, 700],
      ]) {
        await page.setViewportSize({ width, height });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await waiting.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `live-transaction-waits-${width}-${theme}.png`) });
      }
      await page.click('[data-testid="theme-toggle"]');
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // Once the slow cell ends, the re-run goes inside the transaction: the transaction's total
    // (by hand: four rows of 10 and one of 100; 50 committed).
    writeFileSync(release, '');
    await expect.poll(() => count(3), { timeout: 30_000 }).not.toBe('[*]');
    await expect.poll(() => waiting.count(), { timeout: 30_000 }).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'live-transaction-after.png') });
    expect(await value(1, 1)).toBe('140');
  }, 120_000);
});
