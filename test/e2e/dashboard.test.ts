/**
 * The dashboard view in Chromium, opened by `silt serve --dashboard NOTEBOOK`: the notebook's prose,
 * chart and tables in tiles without code, kept current as a shared table gets commits. Screenshots
 * before and after a commit, and of the layout at 1440×900 and 1024×700 in light and dark.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeltaWriter } from '../../kernel/delta';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../kernel/sharing/server';
import { SHOTS } from '../helpers/app';
import { launchChromium } from '../helpers/browser';
import { startHost, type RunningHost } from '../helpers/startHost';

let dir: string;
let conn: DuckDBConnection;
let writer: DeltaWriter;
let sharing: RunningSharingServer;
let host: RunningHost;
let browser: Browser;
let page: Page;

const REGIONS = ['north', 'south', 'east', 'west'];
const orders = (from: number, n: number, region?: string) =>
  `SELECT (${from} + i)::BIGINT AS id, ${region ? `'${region}'` : `['north', 'south', 'east', 'west'][1 + (${from} + i) % 4]`} AS region, ` +
  `(10 + ((${from} + i) * 37) % 90)::DOUBLE AS amount FROM range(${n}) t(i)`;

function notebook(): string {
  const md = (id: string, source: string) => ({ cell_type: 'markdown', id, source, metadata: {} });
  const code = (id: string, language: 'sql' | 'typescript', source: string, name?: string) => ({
    cell_type: 'code',
    id,
    execution_count: null,
    outputs: [],
    source,
    metadata: { silt: { language, ...(name ? { name } : {}) } },
  });
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      md('title', '# Regional sales'),
      md('intro', 'Orders from the shared table **lab.s.sales**. Every tile refreshes by itself when a new version lands.'),
      code('kpi', 'sql', 'SELECT count(*) AS orders, round(sum(amount), 2) AS revenue FROM lab.s.sales'),
      code(
        'by_region',
        'sql',
        'SELECT region, count(*) AS orders, sum(amount) AS revenue FROM lab.s.sales GROUP BY region ORDER BY region',
        'by_region',
      ),
      code(
        'chart',
        'typescript',
        "const rows = await query(`SELECT region, revenue FROM by_region`);\nPlot.plot({ height: 260, y: { grid: true, label: 'revenue' }, marks: [Plot.barY(rows, { x: 'region', y: 'revenue', fill: '#4269d0' }), Plot.ruleY([0])] })",
      ),
      md('details', '## Latest orders'),
      code('latest', 'sql', 'SELECT id, region, amount FROM lab.s.sales ORDER BY id DESC LIMIT 50'),
    ],
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-dashboard-e2e-'));
  conn = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
  writer = await DeltaWriter.create(join(dir, 'sales'), {
    columns: [
      { name: 'id', type: 'long' },
      { name: 'region', type: 'string' },
      { name: 'amount', type: 'double' },
    ],
    enableChangeDataFeed: true,
  });
  await writer.appendFromQuery(conn, orders(0, 120));
  sharing = await startSharingServer({
    shares: [{ name: 'lab', schemas: [{ name: 's', tables: [{ name: 'sales', location: join(dir, 'sales'), historyShared: true }] }] }],
  });
  writeProfile(join(dir, 'lab.share'), sharing.url, sharing.token);
  const nb = join(dir, 'sales.ipynb');
  writeFileSync(nb, notebook());
  host = await startHost(['--profile', join(dir, 'lab.share'), '--dashboard', nb]);
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.setDefaultTimeout(20_000);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await sharing?.close();
  conn?.closeSync();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const tile = (id: string) => page.locator(`[data-testid="dash-tile"][data-cell-id="${id}"]`);
const kpi = (label: string) => tile('kpi').locator(`[data-testid="dash-kpi-value"][data-label="${label}"]`);
const gridCell = (id: string, row: number, col: number) =>
  tile(id).locator(`[data-testid="grid-cell"][data-row="${row}"][data-col="${col}"]`);

describe('the dashboard view', () => {
  it('silt serve --dashboard opens the notebook as tiles without code', async () => {
    expect(host.url).toMatch(/[?&]view=dashboard&path=/);
    await page.goto(host.url);
    await expect.poll(() => page.locator('[data-testid="dashboard"]').getAttribute('data-phase'), { timeout: 60_000 }).toBe('ready');
    // Prose, numbers, chart and table; no editor, no code text.
    expect(await page.locator('[data-testid="dash-heading"]').allTextContents()).toEqual(['Regional sales', 'Latest orders']);
    expect(await tile('intro').textContent()).toContain('Every tile refreshes by itself');
    expect(await page.locator('.cm-content, [data-testid="cell-editor"], [data-testid="cell"]').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain('SELECT');
    expect(await kpi('orders').textContent()).toBe('120');
    expect(await tile('chart').locator('img.rich-image').count()).toBe(1);
    expect(await page.locator('[data-testid="live-item"][data-table="lab.s.sales"] [data-testid="live-version"]').textContent()).toBe('v1');
    expect(await tile('kpi').locator('.dash-stamp').getAttribute('data-version')).toBe('1');
    expect(await tile('chart').locator('[data-testid="dash-tile-stamp"]').textContent()).toMatch(/lab\.s\.sales v1 · committed \d+ s ago/);
    // The address bar no longer carries the token.
    expect(page.url()).not.toContain('token=');
  }, 90_000);

  it('a commit updates the numbers, the chart and the stamps in place', async () => {
    const chartBefore = await tile('chart').locator('img.rich-image').getAttribute('src');
    await page.screenshot({ path: join(SHOTS, 'dashboard-before-commit.png') });
    // 80 big orders in the west: the total, the west bar and the newest rows all change.
    const v2 = await writer.appendFromQuery(conn, orders(1000, 80, 'west'));
    await expect.poll(() => kpi('orders').textContent(), { timeout: 30_000 }).toBe('200');
    await expect.poll(() => tile('chart').locator('.dash-stamp').getAttribute('data-version'), { timeout: 30_000 }).toBe(String(v2));
    expect(await tile('chart').locator('img.rich-image').getAttribute('src')).not.toBe(chartBefore);
    // The grid groups digits for reading; its title holds the exact value.
    await expect.poll(() => gridCell('latest', 0, 0).getAttribute('title')).toBe('1079');
    const west = REGIONS.indexOf('west');
    expect(west).toBeGreaterThan(-1);
    expect(await gridCell('by_region', 3, 0).textContent()).toBe('west');
    expect(await gridCell('by_region', 3, 1).textContent()).toBe('110');
    expect(await page.locator('[data-testid="live-item"] [data-testid="live-version"]').textContent()).toBe(`v${v2}`);
    await page.screenshot({ path: join(SHOTS, 'dashboard-after-commit.png') });
  }, 90_000);

  it('a version whose commit time the server does not tell is stamped "commit time unknown", not its arrival time', async () => {
    // A commit that adds no files: no file action of it carries a timestamp, so its commit time is unknown.
    const v3 = await writer.appendFromQuery(conn, `SELECT * FROM (${orders(5000, 0)})`);
    const item = page.locator('[data-testid="live-item"][data-table="lab.s.sales"]');
    await expect.poll(() => item.locator('[data-testid="live-version"]').textContent(), { timeout: 30_000 }).toBe(`v${v3}`);
    expect(await item.getAttribute('title')).toMatch(new RegExp(`v${v3}, commit time unknown; landed here \\d+ s ago(\\n|$)`));
    expect(await page.locator('[data-testid="live-item"]').textContent()).not.toMatch(/\blag\b/);
    await expect.poll(() => tile('kpi').locator('.dash-stamp').getAttribute('data-version'), { timeout: 30_000 }).toBe(String(v3));
    expect(await tile('kpi').locator('[data-testid="dash-tile-stamp"]').textContent()).toBe(`lab.s.sales v${v3} · commit time unknown`);
    expect(await page.locator('body').textContent()).not.toMatch(new RegExp(`v${v3} · committed`));
    await page.screenshot({ path: join(SHOTS, 'dashboard-commit-time-unknown.png') });
  }, 90_000);

  it('lays out in light and dark at 1440×900 and 1024×700 without sideways overflow', async () => {
    for (const [w, h] of [
      [1440, 900],
      [1024, 700],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      for (const theme of ['light', 'dark']) {
        if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await page.click('[data-testid="theme-toggle"]');
        await page.waitForTimeout(150);
        // The toggle says what it does, not "☀" or "☾".
        const other = theme === 'dark' ? 'light' : 'dark';
        expect(await page.getByRole('button', { name: `Switch to ${other} theme`, exact: true }).count()).toBe(1);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
        // Tiles side by side where there is room: the prose and the figures share a row at both sizes.
        const [a, b] = await Promise.all([tile('intro').boundingBox(), tile('kpi').boundingBox()]);
        expect(Math.round(a!.y)).toBe(Math.round(b!.y));
        await page.screenshot({ path: join(SHOTS, `dashboard-${w}x${h}-${theme}.png`) });
      }
    }
  }, 60_000);

  it('Open as notebook switches to the notebook with its code', async () => {
    await page.click('[data-testid="dash-open-notebook"]');
    await page.waitForFunction(() => (window as unknown as { __silt?: { ready: boolean } }).__silt?.ready === true);
    await expect.poll(() => page.locator('[data-testid="cell"]').count()).toBe(7);
    expect(await page.locator('[data-testid="dashboard"]').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('view')).toBeNull();
    expect(await page.locator('.cm-content').first().textContent()).toBe(
      'SELECT count(*) AS orders, round(sum(amount), 2) AS revenue FROM lab.s.sales',
    );
  }, 60_000);
});
