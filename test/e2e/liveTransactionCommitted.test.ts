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
import { cells, MOD, SHOTS, toCommandMode, typeInCell } from '../helpers/app';
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

const value = (i: number, col: number) =>
  cells(page).nth(i).locator(`[data-testid="grid-cell"][data-row="0"][data-col="${col}"]`).textContent();
const count = (i: number) => cells(page).nth(i).locator('[data-testid="execution-count"]').textContent();

async function runCell(i: number, code: string): Promise<void> {
  await typeInCell(page, i, code);
  await page.keyboard.press(`${MOD}+Enter`);
}

describe('a live re-run queued behind the user’s transaction', () => {
  it('runs as soon as a running cell commits, before that cell ends', async () => {
    await runCell(0, `CREATE OR REPLACE TABLE budget AS SELECT 'k' || i AS k, 10 AS amount FROM range(5) t(i)`);
    await expect.poll(() => count(0), { timeout: 30_000 }).toBe('[1]');
    await page.click('text=+ Code');
    await runCell(1, 'SELECT count(*) AS n, (SELECT sum(amount) FROM budget) AS total FROM lab.s.orders');
    await expect.poll(() => value(1, 1), { timeout: 30_000 }).toBe('50');
    await toCommandMode(page);
    await cells(page).nth(1).locator('[data-testid="cell-live-toggle"]').click();
    const item = page.locator('[data-testid="live-item"][data-table="lab.s.orders"]');
    await expect.poll(() => item.locator('[data-testid="live-version"]').textContent(), { timeout: 20_000 }).toBe('v1');
    await page.click('text=+ Code');
    await runCell(2, `BEGIN;\nUPDATE budget SET amount = 100 WHERE k = 'k0'`);
    await expect.poll(() => count(2), { timeout: 30_000 }).toBe('[3]');

    await page.click('text=+ Code');
    const slow = cells(page).nth(3);
    if ((await slow.getAttribute('data-language')) !== 'typescript') await slow.locator('[data-testid="language-toggle"]').click();
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
