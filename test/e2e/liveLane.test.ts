/**
 * The live lane in Chromium: while the user's cell runs a query that only Interrupt ends, a commit
 * to a shared table re-runs the live cell that does not depend on it at once (its grid shows the new
 * count while the long cell still shows [*]); a cell that reads what the long cell writes waits, and
 * after a burst of two commits re-runs once, when the long cell has ended.
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
const rows = orderRows;

beforeAll(async () => {
  live = await startLiveOrdersApp('silt-lane-e2e-');
  ({ conn, writer, page } = live);
}, 60_000);

afterAll(async () => {
  await live?.close();
});

const firstValue = (i: number) => cells(page).nth(i).locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]').textContent();
const count = (i: number) => cells(page).nth(i).locator('[data-testid="execution-count"]').textContent();
/** The TypeScript cell's printed line ("n=… b=… runs=…"). */
const printed = () => cells(page).nth(2).locator('[data-testid="output"]').first().textContent();

async function runCell(i: number, code: string): Promise<void> {
  await typeInCell(page, i, code);
  await page.keyboard.press(`${MOD}+Enter`);
}

describe('a live re-run beside a long cell', () => {
  it('the independent cell updates while the long cell runs; the dependent one waits and re-runs once after it', async () => {
    // A: live, independent of the long cell. B: writes `big`. C: reads the live table and `big`, and counts its runs.
    await runCell(0, 'SELECT count(*) AS n FROM lab.s.orders');
    await expect.poll(() => firstValue(0), { timeout: 30_000 }).toBe('100');
    await page.click('text=+ Code');
    await runCell(1, 'CREATE OR REPLACE TABLE big AS SELECT 1 AS x;\nSELECT count(*) AS b FROM big');
    await expect.poll(() => firstValue(1), { timeout: 30_000 }).toBe('1');
    await page.click('text=+ Code');
    await cells(page).nth(2).locator('[data-testid="language-toggle"]').click();
    await runCell(
      2,
      [
        'const r = await sql`SELECT (SELECT count(*) FROM lab.s.orders)::INTEGER AS n, (SELECT count(*) FROM big)::INTEGER AS b`;',
        'const g = globalThis as any;',
        'g.cRuns = (g.cRuns ?? 0) + 1;',
        'console.log(`n=${r.values[0][0]} b=${r.values[0][1]} runs=${g.cRuns}`);',
      ].join('\n'),
    );
    await expect.poll(printed, { timeout: 30_000 }).toContain('n=100 b=1 runs=1');
    await toCommandMode(page);
    await cells(page).nth(0).locator('[data-testid="cell-live-toggle"]').click();
    const item = page.locator('[data-testid="live-item"][data-table="lab.s.orders"]');
    await expect.poll(() => item.locator('[data-testid="live-version"]').textContent(), { timeout: 20_000 }).toBe('v1');

    // B now runs until interrupted.
    await runCell(
      1,
      'CREATE OR REPLACE TABLE big AS SELECT sum(hash(i)) AS x FROM range(1000000000000) t(i);\nSELECT count(*) AS b FROM big',
    );
    await toCommandMode(page);
    await expect.poll(() => count(1)).toBe('[*]');

    await writer.appendFromQuery(conn, rows(100, 25));
    await expect.poll(() => firstValue(0), { timeout: 20_000 }).toBe('125');
    expect(await count(1)).toBe('[*]');
    const v3 = await writer.appendFromQuery(conn, rows(125, 25));
    await expect.poll(() => firstValue(0), { timeout: 20_000 }).toBe('150');
    await expect.poll(() => item.locator('[data-testid="live-version"]').textContent()).toBe(`v${v3}`);
    // Both versions reached A while B ran; C, which reads B's table, has not run yet.
    expect(await count(1)).toBe('[*]');
    expect(await printed()).toContain('n=100 b=1 runs=1');
    // And says so: its data is older than the table, and its re-run is queued behind the running cell.
    const stale = cells(page).nth(2).locator('[data-testid="live-stale"]');
    expect(await stale.getAttribute('data-why')).toBe('waiting');
    expect(await stale.textContent()).toBe('stale since v2 · queued');
    // The queued marker at both window sizes, light and dark; nothing overflows sideways at 1024×700.
    for (const theme of ['light', 'dark']) {
      for (const [width, height] of [
        [1440, 900],
        [1024, 700],
      ]) {
        await page.setViewportSize({ width, height });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await stale.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `live-lane-queued-${width}-${theme}.png`) });
      }
      if (theme === 'light') await page.click('[data-testid="theme-toggle"]');
    }
    await page.click('[data-testid="theme-toggle"]');
    await page.setViewportSize({ width: 1280, height: 900 });
    // The wide toolbar is back (inline buttons, no menus) before a command is clicked in it.
    await expect.poll(() => page.locator('[data-testid="file-menu"]').count()).toBe(0);

    await toolbarAction(page, 'interrupt');
    // C re-runs once for both versions, after B ended (B's interrupted CREATE left `big` as it was).
    await expect.poll(printed, { timeout: 30_000 }).toContain('n=150 b=1 runs=2');
    expect(await stale.count()).toBe(0);
    // Once: a later run of C by hand is its third, not its fourth.
    await expect.poll(() => count(2)).not.toBe('[*]');
    const before = await count(2);
    await cells(page).nth(2).locator('[data-testid="run-cell"]').click();
    await expect.poll(async () => [before, '[*]'].includes(await count(2)), { timeout: 30_000 }).toBe(false);
    expect(await printed()).toContain('n=150 b=1 runs=3');
    await page.screenshot({ path: join(SHOTS, 'live-lane-after.png') });
  }, 120_000);
});
