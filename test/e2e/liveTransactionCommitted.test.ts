/**
 * A live re-run queued behind the analyst's open transaction is freed when a running cell commits and
 * keeps running, in Chromium. The analyst ran BEGIN and changed a local table the live cell reads,
 * then started a TypeScript cell that runs `await query('COMMIT')` and goes on. While the transaction
 * is open the badge says "queued: your transaction (BEGIN) is open"; once it is committed nothing
 * holds the re-run to the user's connection: the badge goes and the cell shows the committed total
 * over the new version while the committing cell still runs.
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
  live = await startLiveOrdersApp('silt-live-committed-e2e-');
  ({ conn, writer, page } = live);
}, 60_000);

afterAll(async () => {
  await live?.close();
});

const value = (i: number, col: number) => cellValue(page, i, col);
const count = (i: number) => cellCount(page, i);

const runCell = (i: number, code: string) => runCellIn(page, i, code);

describe('a live re-run queued behind the user’s transaction', () => {
  it('runs as soon as a running cell commits, before that cell ends', async () => {
    await openTransactionScene(page);
    // It commits when the test writes `commit`, and ends only when it writes `end`.
    const dir = mkdtempSync(join(tmpdir(), 'silt-live-committed-release-'));
    const [commit, end] = [join(dir, 'commit'), join(dir, 'end')];
    const waitFor = (f: string) => `while (!fs.existsSync(${JSON.stringify(f)})) await new Promise((r) => setTimeout(r, 50));`;
    await runCell(3, `const fs = process.getBuiltinModule('fs');\n${waitFor(commit)}\nawait query('COMMIT');\n${waitFor(end)}\n'ended'`);
    await toCommandMode(page);
    await expect.poll(() => count(3)).toBe('[*]');

    const badge = cells(page).nth(1).locator('[data-testid="live-stale"]');
    await writer.appendFromQuery(conn, orderRows(100, 25));
    await expect.poll(() => badge.textContent(), { timeout: 20_000 }).toBe('stale since v2 · queued: your transaction (BEGIN) is open');

    // Committed, still running: the re-run no longer needs the user's connection and goes at once.
    writeFileSync(commit, '');
    await expect.poll(() => badge.count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => value(1, 1), { timeout: 20_000 }).toBe('140');
    expect(await value(1, 0)).toBe('125');
    expect(await count(3)).toBe('[*]');
    for (const theme of ['light', 'dark']) {
      for (const [width, height] of [
        [1440, 900],
        [1024, 700],
      ]) {
        await page.setViewportSize({ width, height });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await cells(page).nth(1).scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `live-committed-${width}-${theme}.png`) });
      }
      await page.click('[data-testid="theme-toggle"]');
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    writeFileSync(end, '');
    await expect.poll(() => count(3), { timeout: 30_000 }).not.toBe('[*]');
    expect(await cells(page).nth(3).locator('[data-testid="output"]').textContent()).toContain('ended');
  }, 120_000);
});
