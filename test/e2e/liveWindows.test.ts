/**
 * Two Chromium windows on one notebook (one session): a commit re-runs the live cell once, in one
 * window; the other says its output is stale rather than showing old numbers as current, and Run
 * there shows the new result.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeltaWriter } from '../../kernel/delta';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../kernel/sharing/server';
import { cells, MOD, openApp, SHOTS } from '../helpers/app';
import { launchChromium } from '../helpers/browser';
import { startHost, type RunningHost } from '../helpers/startHost';

let dir: string;
let conn: DuckDBConnection;
let writer: DeltaWriter;
let sharing: RunningSharingServer;
let host: RunningHost;
let browser: Browser;
let pages: Page[];

const rows = (from: number, n: number) => `SELECT (${from} + i)::BIGINT AS id FROM range(${n}) t(i)`;
const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-live-windows-e2e-'));
  conn = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
  writer = await DeltaWriter.create(join(dir, 'orders'), { columns: [{ name: 'id', type: 'long' }], enableChangeDataFeed: true });
  await writer.appendFromQuery(conn, rows(0, 100));
  sharing = await startSharingServer({
    shares: [{ name: 'lab', schemas: [{ name: 's', tables: [{ name: 'orders', location: join(dir, 'orders'), historyShared: true }] }] }],
  });
  writeProfile(join(dir, 'lab.share'), sharing.url, sharing.token);
  host = await startHost(['--profile', join(dir, 'lab.share')]);
  const file = join(host.workspace, 'live.ipynb');
  writeFileSync(
    file,
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          cell_type: 'code',
          id: 'count',
          metadata: { silt: { language: 'sql', live: 'auto' } },
          execution_count: null,
          source: 'SELECT count(*) AS n FROM lab.s.orders',
          outputs: [],
        },
      ],
    }),
  );
  browser = await launchChromium();
  pages = [];
  for (let i = 0; i < 2; i++) {
    const p = await openApp(browser, host, `&path=${encodeURIComponent(file)}`);
    p.setDefaultTimeout(20_000);
    pages.push(p);
  }
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await sharing?.close();
  conn?.closeSync();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const value = (p: Page) => cells(p).nth(0).locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]').textContent();
const count = async (p: Page) => (await cells(p).nth(0).locator('[data-testid="execution-count"]').textContent()) ?? '';

describe('two windows on one notebook', () => {
  it('a commit re-runs the live cell once; the other window marks it stale, and Run there catches up', async () => {
    for (const p of pages) {
      // The second window may already show the first window's result (it reloads the saved file), so
      // wait for this run's own count: a "[*]" taken as the baseline would then move (seen in CI).
      const was = await count(p);
      await cells(p).nth(0).locator('[data-testid="cell-editor"] .cm-content').click();
      await p.keyboard.press(`${MOD}+Enter`);
      await eventually(async () => {
        const c = await count(p);
        return /^\[\d+\]$/.test(c) && c !== was;
      }).toBe(true);
      await eventually(() => value(p)).toBe('100');
      await p.keyboard.press('Escape');
      // The saved live cell made the table live when the notebook opened.
      await eventually(() => p.locator('[data-testid="live-item"][data-table="lab.s.orders"]').getAttribute('data-state')).toBe('live');
    }
    const before = await Promise.all(pages.map(count));
    const v = await writer.appendFromQuery(conn, rows(100, 10));
    await eventually(async () => (await Promise.all(pages.map(value))).sort()).toEqual(['100', '110']);
    const fresh = (await value(pages[0])) === '110' ? 0 : 1;
    const behind = pages[1 - fresh];
    // Exactly one re-run: the fresh window's count moved, the other's did not, and stays so after another poll.
    expect(await count(pages[fresh])).not.toBe(before[fresh]);
    await behind.waitForTimeout(2500);
    expect(await count(behind)).toBe(before[1 - fresh]);
    expect(await value(behind)).toBe('100');
    const stale = cells(behind).nth(0).locator('[data-testid="live-stale"]');
    await eventually(() => stale.textContent()).toContain(`stale since v${v}`);
    expect(await cells(pages[fresh]).nth(0).locator('[data-testid="live-stale"]').count()).toBe(0);
    await behind.screenshot({ path: join(SHOTS, 'live-two-windows-stale.png') });

    await stale.locator('[data-testid="live-stale-run"]').click();
    await eventually(() => value(behind)).toBe('110');
    await eventually(() => stale.count()).toBe(0);
  }, 90_000);
});
