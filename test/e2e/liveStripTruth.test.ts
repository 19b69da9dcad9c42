/**
 * The Live strip says only what is true, in Chromium. A table made live by a cell that has not run
 * yet shows its version and when it was checked, never "landed" or "lag": nothing arrived while it
 * was watched (the tooltip tells the version's commit time, named so). Once a commit arrives, the
 * strip says when it landed and its lag. A large version's catch-up never reads "catching up … 100 %"
 * (its download done, the copy still taking it): it says it applies the version, then "live".
 * Screenshots of the strip before and after a version landed at 1440×900 and 1024×700, light and dark.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeltaWriter } from '../../kernel/delta';
import { cells, SHOTS, toCommandMode, typeInCell } from '../helpers/app';
import { orderRows, startLiveOrdersApp, type LiveOrdersApp } from '../helpers/liveOrdersApp';

let live: LiveOrdersApp;
let conn: DuckDBConnection;
let writer: DeltaWriter;
let page: Page;

beforeAll(async () => {
  live = await startLiveOrdersApp('silt-live-strip-truth-e2e-');
  ({ conn, writer, page } = live);
}, 60_000);

afterAll(async () => {
  await live?.close();
});

const item = () => page.locator('[data-testid="live-item"][data-table="lab.s.orders"]');
const facts = () => item().locator('.live-fact').allTextContents();

async function shots(name: string): Promise<void> {
  for (const theme of ['light', 'dark']) {
    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ]) {
      await page.setViewportSize({ width, height });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(SHOTS, `live-strip-${name}-${width}-${theme}.png`) });
    }
    await page.click('[data-testid="theme-toggle"]');
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('the Live strip tells the truth', () => {
  it('before anything arrived it says the version and when it was checked; "landed" and "lag" only once a version arrived', async () => {
    // A live cell that has not run: its table starts, and no version has arrived while it is watched.
    await typeInCell(page, 0, 'SELECT count(*) AS n FROM lab.s.orders');
    await toCommandMode(page);
    await cells(page).nth(0).locator('[data-testid="cell-live-toggle"]').click();
    await expect.poll(() => item().getAttribute('data-state'), { timeout: 20_000 }).toBe('live');
    await expect.poll(() => item().locator('[data-testid="live-state"]').textContent()).toBe('live');
    expect(await item().locator('[data-testid="live-version"]').textContent()).toBe('v1');
    expect(await facts()).toEqual([expect.stringMatching(/^checked \d+ s ago$/)]);
    expect(await item().getAttribute('title')).toMatch(
      /\nv1 committed \d+ (s|min) ago; read when the table started, no new version has landed since/,
    );
    expect(await cells(page).nth(0).locator('[data-testid="execution-count"]').textContent()).toBe('[ ]');
    await shots('started');

    const v2 = await writer.appendFromQuery(conn, orderRows(100, 25));
    await expect.poll(() => item().locator('[data-testid="live-version"]').textContent(), { timeout: 20_000 }).toBe(`v${v2}`);
    await expect.poll(() => item().locator('[data-testid="live-state"]').textContent()).toBe('live');
    await expect
      .poll(facts)
      .toEqual([
        expect.stringMatching(/^checked \d+ s ago$/),
        expect.stringMatching(/^landed \d+ s ago$/),
        expect.stringMatching(/^lag \d+(\.\d)? m?s$/),
      ]);
    expect(await item().getAttribute('title')).toMatch(new RegExp(`\\nv${v2} committed \\d+ s ago; landed here \\d+ s ago, `));
    await shots('landed');
  }, 90_000);

  it('a large version’s catch-up never reads "100 %" while it still says catching up, and ends live', async () => {
    // Every text the strip's item shows, as the page renders it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __stripTexts: string[] }).__stripTexts = seen;
      const strip = document.querySelector('[data-testid="live-strip"]')!;
      const record = () => {
        const el = strip.querySelector('[data-table="lab.s.orders"]');
        const text = el ? [...el.querySelectorAll('[data-testid="live-state"], .live-fact')].map((e) => e.textContent).join(' | ') : '';
        if (seen[seen.length - 1] !== text) seen.push(text);
      };
      new MutationObserver(record).observe(strip, { subtree: true, childList: true, characterData: true });
    });
    const v = await writer.appendFromQuery(
      conn,
      `SELECT (1000 + i)::BIGINT AS id, md5(i::VARCHAR) || md5((i + 1)::VARCHAR) AS label FROM range(1500000) t(i)`,
    );
    await expect.poll(() => item().locator('[data-testid="live-version"]').textContent(), { timeout: 60_000 }).toBe(`v${v}`);
    await expect.poll(() => item().locator('[data-testid="live-state"]').textContent()).toBe('live');
    const seen = await page.evaluate(() => (window as unknown as { __stripTexts: string[] }).__stripTexts);
    // Downloading shows its share; once every byte is in, it says it applies the version.
    expect(seen.some((t) => /^catching up \| reading v\d+ \| \d+ %$/.test(t))).toBe(true);
    expect(seen).toContain(`catching up | applying v${v}`);
    expect(seen.filter((t) => /100 %/.test(t))).toEqual([]);
  }, 120_000);
});
