/**
 * Truthful live status in Chromium: after a session restart the strip shows the notebook's live table
 * live again (Pause and Resume work) and a table only a subscription had started as stopped, never a
 * green badge without polling; a server that goes away shows an error with its retry time; a manual
 * cell shows "stale since vN" after a commit, catches up with Run, and goes back to auto; a long
 * cell does not hold back the re-runs of cells that do not depend on it.
 * Screenshots of the strip's states and the stale badge at 1440×900 and 1024×700, light and dark.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeltaWriter } from '../../kernel/delta';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../kernel/sharing/server';
import { cells, MOD, SHOTS, startApp, typeInCell, type RunningApp } from '../helpers/app';

let dir: string;
let conn: DuckDBConnection;
const writers: Record<string, DeltaWriter> = {};
let sharing: RunningSharingServer;
let app: RunningApp;
let page: Page;

const rows = (from: number, n: number) => `SELECT (${from} + i)::BIGINT AS id, 'item ' || (${from} + i) AS label FROM range(${n}) t(i)`;
const TABLES = ['orders', 'returns'];

async function serve(port = 0, bearerToken?: string): Promise<RunningSharingServer> {
  const tables = TABLES.map((name) => ({ name, location: join(dir, name), historyShared: true }));
  return startSharingServer({ port, bearerToken, shares: [{ name: 'lab', schemas: [{ name: 's', tables }] }] });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-live-status-e2e-'));
  conn = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
  for (const name of TABLES) {
    writers[name] = await DeltaWriter.create(join(dir, name), {
      columns: [
        { name: 'id', type: 'long' },
        { name: 'label', type: 'string' },
      ],
      enableChangeDataFeed: true,
    });
    await writers[name].appendFromQuery(conn, rows(0, 100));
  }
  sharing = await serve();
  writeProfile(join(dir, 'lab.share'), sharing.url, sharing.token);
  app = await startApp(['--profile', join(dir, 'lab.share')]);
  page = app.page;
  page.setDefaultTimeout(20_000);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await sharing?.close();
  conn?.closeSync();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Polls until the value matches, as long as a live update can take (poll interval, re-run). */
const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });
const item = (table: string) => page.locator(`[data-testid="live-item"][data-table="lab.s.${table}"]`);
const firstValue = (i: number) => cells(page).nth(i).locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]').textContent();

async function runCell(i: number, code: string): Promise<void> {
  if ((await cells(page).count()) <= i) await page.click('text=+ Code');
  await typeInCell(page, i, code);
  await page.keyboard.press(`${MOD}+Enter`);
  await page.keyboard.press('Escape');
}

/** Each viewport and theme, with `name` in the file names; ends in the theme it started in. */
async function shots(name: string): Promise<void> {
  for (const [w, h] of [
    [1440, 900],
    [1024, 700],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    for (const theme of ['light', 'dark']) {
      await page.waitForTimeout(150);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
      await page.screenshot({ path: join(SHOTS, `live-${name}-${w}-${theme}.png`) });
      await page.click('[data-testid="theme-toggle"]');
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('live status in the window', () => {
  it('a manual cell shows "stale since vN" after a commit, Run catches it up, and it can go back to auto', async () => {
    await runCell(0, 'SELECT count(*) AS n FROM lab.s.orders');
    await expect.poll(() => firstValue(0), { timeout: 30_000 }).toBe('100');
    await cells(page).nth(0).locator('[data-testid="cell-live-toggle"]').click();
    await eventually(() => item('orders').getAttribute('data-state')).toBe('live');

    await runCell(1, 'SELECT count(*) AS m FROM lab.s.orders');
    await eventually(() => firstValue(1)).toBe('100');
    const manualCell = cells(page).nth(1);
    await manualCell.locator('[data-testid="live-mode"]').click();
    await eventually(() => manualCell.locator('[data-testid="live-mode"]').textContent()).toBe('manual');

    const v2 = await writers.orders.appendFromQuery(conn, rows(100, 10));
    await eventually(() => firstValue(0)).toBe('110');
    const stale = manualCell.locator('[data-testid="live-stale"]');
    await eventually(() => stale.textContent()).toContain(`stale since v${v2}`);
    // The manual cell still shows what it showed: it did not re-run.
    expect(await firstValue(1)).toBe('100');
    await shots('stale');

    await stale.locator('[data-testid="live-stale-run"]').click();
    await eventually(() => firstValue(1)).toBe('110');
    await eventually(() => stale.count()).toBe(0);

    // Back to auto: the next commit re-runs it by itself.
    await manualCell.locator('[data-testid="live-mode"]').click();
    await eventually(() => manualCell.locator('[data-testid="live-mode"]').textContent()).toBe('auto');
    await writers.orders.appendFromQuery(conn, rows(110, 5));
    await eventually(() => firstValue(1)).toBe('115');
    expect(await stale.count()).toBe(0);
  }, 120_000);

  it('after a restart, the live cell’s table is live again and a subscription’s table is stopped; Pause and Resume work', async () => {
    // A table only a TypeScript subscription started: nothing in the notebook keeps it live.
    await page.click('text=+ Code');
    await cells(page).nth(2).locator('[data-testid="language-toggle"]').click();
    await eventually(() => cells(page).nth(2).getAttribute('data-language')).toBe('typescript');
    await runCell(2, `sharing.subscribe('lab.s.returns', () => {}); 'subscribed'`);
    await eventually(() => item('returns').getAttribute('data-state')).toBe('live');
    await eventually(() => item('orders').locator('[data-testid="live-state"]').textContent()).toBe('live');
    await shots('live');

    await page.click('[data-testid="restart"]');
    await eventually(() => page.locator('[data-testid="session-status"]').textContent()).toBe('idle');
    // Never a green badge without polling: the subscription's table says it stopped, and why.
    await eventually(() => item('returns').getAttribute('data-state')).toBe('stopped');
    expect(await item('returns').locator('[data-testid="live-reason"]').textContent()).toBe('the session restarted');
    expect(await item('returns').locator('[data-testid="live-start"]').count()).toBe(1);
    // The live cell's table comes back by itself, polled by the new session.
    await eventually(() => item('orders').getAttribute('data-state')).toBe('live');
    await eventually(() => item('orders').locator('.live-fact').first().textContent()).toMatch(/^checked \d s ago$/);
    await shots('restarted');

    await item('orders').locator('[data-testid="live-pause"]').click();
    await eventually(() => item('orders').getAttribute('data-state')).toBe('paused');
    await shots('paused');
    await item('orders').locator('[data-testid="live-resume"]').click();
    await eventually(() => item('orders').getAttribute('data-state')).toBe('live');
    const v = await writers.orders.appendFromQuery(conn, rows(115, 5));
    await eventually(() => item('orders').locator('[data-testid="live-version"]').textContent()).toBe(`v${v}`);
    await eventually(() => firstValue(0)).toBe('120');

    await item('returns').locator('[data-testid="live-start"]').click();
    await eventually(() => item('returns').getAttribute('data-state')).toBe('live');
  }, 120_000);

  it('while a long cell runs the strip’s version advances, and the cells that do not depend on it re-run at once', async () => {
    await page.click('text=+ Code');
    const long = cells(page).nth(3);
    if ((await long.getAttribute('data-language')) !== 'typescript') await long.locator('[data-testid="language-toggle"]').click();
    // Long enough for two commits, their polls and re-runs on a loaded machine; it ends by itself.
    await runCell(3, `await new Promise((r) => setTimeout(r, 20000)); 'slept'`);
    await eventually(() => long.locator('[data-testid="execution-count"]').textContent()).toBe('[*]');
    const before = Number(await firstValue(0));
    let added = 0;
    for (const n of [3, 4]) {
      const v = await writers.orders.appendFromQuery(conn, rows(200 + n * 10, n));
      added += n;
      await eventually(() => item('orders').locator('[data-testid="live-version"]').textContent()).toBe(`v${v}`);
      // Neither cell uses what the sleeping cell makes: they re-run beside it (the session's live lane).
      await eventually(() => firstValue(0)).toBe(String(before + added));
      await eventually(() => firstValue(1)).toBe(String(before + added));
    }
    expect(await long.locator('[data-testid="execution-count"]').textContent()).toBe('[*]');
    await expect.poll(() => long.locator('[data-testid="execution-count"]').textContent(), { timeout: 30_000 }).not.toBe('[*]');
  }, 90_000);

  it('a server that goes away shows an error with its code and the time of the next retry, then recovers', async () => {
    const { port, token } = sharing;
    await sharing.close();
    await expect.poll(() => item('orders').getAttribute('data-state'), { timeout: 20_000 }).toBe('error');
    expect(await item('orders').locator('[data-testid="live-state"]').textContent()).toBe('error · unavailable');
    await eventually(() => item('orders').locator('.live-fact').first().textContent()).toMatch(/^retry in \d+ s$|^retrying now$/);
    await shots('error');
    sharing = await serve(port, token);
    await expect.poll(() => item('orders').getAttribute('data-state'), { timeout: 40_000 }).toBe('live');
  }, 90_000);

  it('a corrupt table says so with code corrupt, promises no retry, and Retry applies the version once mended', async () => {
    await item('orders').locator('[data-testid="live-pause"]').click();
    await eventually(() => item('orders').getAttribute('data-state')).toBe('paused');
    const v = await writers.orders.appendFromQuery(conn, rows(400, 5));
    const log = readFileSync(join(dir, 'orders', '_delta_log', `${String(v).padStart(20, '0')}.json`), 'utf8');
    const added = log
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { add?: { path: string } })
      .find((a) => a.add)!.add!.path;
    const path = join(dir, 'orders', added);
    const good = readFileSync(path);
    writeFileSync(path, Buffer.alloc(good.length, 7));
    await item('orders').locator('[data-testid="live-resume"]').click();
    await eventually(() => item('orders').getAttribute('data-state')).toBe('error');
    expect(await item('orders').locator('[data-testid="live-state"]').textContent()).toBe('error · corrupt');
    expect(await item('orders').locator('.live-fact').first().textContent()).toBe('not retrying');
    expect(await item('orders').locator('[data-testid="live-reason"]').textContent()).toMatch(/^a data file is damaged/);
    await shots('corrupt');
    // Still not retrying a poll later.
    await page.waitForTimeout(2500);
    expect(await item('orders').getAttribute('data-state')).toBe('error');

    writeFileSync(path, good);
    await item('orders').locator('[data-testid="live-retry"]').click();
    await eventually(() => item('orders').locator('[data-testid="live-version"]').textContent()).toBe(`v${v}`);
    await eventually(() => item('orders').getAttribute('data-state')).toBe('live');
  }, 90_000);
});
