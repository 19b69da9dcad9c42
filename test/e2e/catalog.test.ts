/**
 * The catalog panel as a user drives it: a real Delta Sharing server on loopback, `silt serve
 * --profile` pointing at it, and Debian's Chromium browsing, previewing and adding profiles.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../kernel/sharing/server';
import { MOD, SHOTS, startApp, type RunningApp } from '../helpers/app';
import { SHARED } from '../helpers/shared';
import { startSlowRelay, type SlowRelay } from '../helpers/slowRelay';

const DELTA = `${SHARED}/data/delta`;

interface ExpectedVersion {
  numFiles: number;
  sizeBytes: number;
  metadata: { partitionColumns: string[]; schema: string[]; configuration: Record<string, string> };
  data: { rowCount: number; checksums: Record<string, string | number> };
}
/** The independently derived facts about each table's latest version (see the data README). */
function expected(table: string): ExpectedVersion & { version: number } {
  const all = JSON.parse(readFileSync(join(DELTA, 'expected.json'), 'utf8')) as {
    tables: Record<string, { latestVersion: number; versions: Record<string, ExpectedVersion> }>;
  };
  const t = all.tables[table];
  return { ...t.versions[String(t.latestVersion)], version: t.latestVersion };
}

let sharing: RunningSharingServer;
let relay: SlowRelay;
let app: RunningApp;
let page: Page;
let dir: string;
let profileJson: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-catalog-'));
  // File downloads go through a relay that holds each one for 300 ms, so a cell's download progress is
  // on screen long enough to see on any machine (a 7 KB table otherwise arrives in one frame).
  relay = await startSlowRelay(300);
  sharing = await startSharingServer({
    publicUrl: relay.url,
    shares: [
      {
        name: 'lab',
        schemas: [
          {
            name: 'default',
            tables: [
              { name: 'cdf_table', location: join(DELTA, 'cdf-table'), historyShared: true },
              { name: 'simple_table', location: join(DELTA, 'simple_table') },
              // Not a plain SQL identifier, so the inserted SQL must quote it.
              { name: 'simple-table', location: join(DELTA, 'simple_table') },
            ],
          },
        ],
      },
    ],
  });
  relay.target.port = sharing.port;
  const profilePath = join(dir, 'lab.share');
  writeProfile(profilePath, sharing.url, sharing.token);
  profileJson = readFileSync(profilePath, 'utf8');
  app = await startApp(['--profile', profilePath]);
  page = app.page;
  page.setDefaultTimeout(15_000);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await sharing?.close();
  await relay?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const panel = () => page.locator('[data-testid="catalog-panel"]');
const cells = () => page.locator('[data-testid="cell"]');
const table = (name: string) => panel().locator(`[data-testid="catalog-table"][data-name="${name}"]`);
const sourceOf = (i: number) =>
  cells()
    .nth(i)
    .locator('.cm-content')
    .evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));

describe('catalog panel', () => {
  it('toggles from the toolbar and shows profile → share → schema → tables', async () => {
    expect(await panel().count()).toBe(0);
    await page.click('[data-testid="catalog-toggle"]');
    await expect.poll(() => table('lab.default.cdf_table').count(), { timeout: 20_000 }).toBe(1);
    expect(await panel().locator('[data-testid="catalog-profile"]').getAttribute('data-name')).toBe('lab');
    expect(await panel().locator('[data-testid="catalog-share"]').allTextContents()).toEqual([expect.stringContaining('lab')]);
    expect(await panel().locator('[data-testid="catalog-schema"]').allTextContents()).toEqual([expect.stringContaining('default')]);
    expect(
      await panel()
        .locator('[data-testid="catalog-table"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))),
    ).toEqual(['lab.default.cdf_table', 'lab.default.simple-table', 'lab.default.simple_table']);

    // Collapsing the schema hides its tables; the refresh button reloads without losing the tree.
    await panel().locator('[data-testid="catalog-schema"]').click();
    expect(await panel().locator('[data-testid="catalog-table"]').count()).toBe(0);
    await panel().locator('[data-testid="catalog-schema"]').click();
    await panel().locator('[data-testid="catalog-refresh"]').click();
    await expect.poll(() => panel().locator('[data-testid="catalog-table"]').count()).toBe(3);
  });

  it('shows a table’s version, column types, partitioning, files and change data feed', async () => {
    const want = expected('cdf-table');
    // By keyboard: Enter on a tree row opens it instead of reaching the notebook's shortcuts.
    const cellsBefore = await cells().count();
    await table('lab.default.cdf_table').focus();
    await page.keyboard.press('Enter');
    const details = page.locator('[data-testid="catalog-details"]');
    await expect
      .poll(() => details.locator('[data-testid="catalog-version"]').textContent(), { timeout: 15_000 })
      .toBe(String(want.version));
    const columns = await details
      .locator('[data-testid="catalog-column"]')
      .evaluateAll((rows) =>
        rows.map(
          (r) => `${r.getAttribute('data-name')}:${r.querySelector('[data-testid="catalog-column-type"]')?.textContent?.split(' ')[0]}`,
        ),
      );
    expect(columns).toEqual(want.metadata.schema);
    const text = await details.textContent();
    expect(text).toContain(`Partitioned by${want.metadata.partitionColumns.join(', ')}`);
    expect(await details.locator('[data-testid="catalog-cdf"]').textContent()).toBe(
      want.metadata.configuration['delta.enableChangeDataFeed'] === 'true' ? 'on' : 'off',
    );
    // 7,282 bytes in 9 files reads as "9 · 7.3 KB".
    expect(await cells().count()).toBe(cellsBefore);
    expect(await details.locator('[data-testid="catalog-files"]').textContent()).toBe(
      `${want.numFiles} · ${(want.sizeBytes / 1000).toFixed(1)} KB`,
    );
  });

  it('a query cell from the catalog runs, shows download progress, and the grid shows every row of the table', async () => {
    const want = expected('cdf-table');
    const before = await cells().count();
    // Remember every download-progress text the running cell shows, however briefly.
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { __progress: string[] }).__progress = []);
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[data-testid="download-progress"]')) seen.push(el.textContent ?? '');
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.click('[data-testid="catalog-query"]');
    await expect.poll(() => cells().count()).toBe(before + 1);
    const at = await page.locator('[data-testid="cell"]').evaluateAll((els) => els.findIndex((e) => e.classList.contains('editing')));
    const cell = cells().nth(at);
    expect(await sourceOf(at)).toBe('SELECT *\nFROM lab.default.cdf_table');
    await page.keyboard.press('Shift+Enter');
    await expect
      .poll(() => cell.locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^${want.data.rowCount} rows`));
    const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    expect(
      progress.some((t) => /\d+(\.\d)? (B|KB|MB) of \d+(\.\d)? (B|KB|MB)/.test(t)),
      `progress texts seen: ${JSON.stringify(progress.slice(0, 5))}`,
    ).toBe(true);
    // Part-way too, not only the finished total: the bar moved while files arrived.
    const partway = progress.map((t) => /([\d.]+ \w?B) of ([\d.]+ \w?B)/.exec(t)).filter((m) => m && m[1] !== m[2]);
    expect(partway.length, `progress texts seen: ${JSON.stringify(progress.slice(0, 5))}`).toBeGreaterThan(0);
  });

  it('Preview shows the table’s first rows inside the panel and adds no cell', async () => {
    const want = expected('cdf-table');
    const before = await cells().count();
    await page.click('[data-testid="catalog-preview"]');
    const grid = panel().locator('[data-testid="catalog-preview-grid"]');
    // cdf_table has 9 rows, fewer than a preview's 50, so all of them are there.
    await expect.poll(() => grid.locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 30_000 }).toMatch(/^9 rows/);
    expect(want.data.rowCount).toBe(9);
    const column = (c: number) =>
      grid.locator(`[data-testid="grid-cell"][data-col="${c}"]`).evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    const ids = (await column(0)).map(Number);
    expect(ids.reduce((a, b) => a + b, 0)).toBe(Number(want.data.checksums['id.sum']));
    const names = (await column(1)).sort();
    expect([names[0], names[names.length - 1]]).toEqual([want.data.checksums['name.min'], want.data.checksums['name.max']]);
    expect(await cells().count()).toBe(before);
    // Its close button is announced by name, not as "×".
    expect(await panel().getByRole('button', { name: 'Close the preview', exact: true }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'catalog-preview.png') });
    // Preview again closes it.
    await page.click('[data-testid="catalog-preview"]');
    expect(await grid.count()).toBe(0);
  });

  it('Query in new cell inserts the query below the selected cell, focused and not run', async () => {
    await table('lab.default.simple_table').click();
    await page.locator('[data-testid="catalog-details"] [data-testid="catalog-version"]').waitFor();
    await cells().nth(0).locator('[data-testid="cell-editor"]').click();
    const before = await cells().count();
    await page.click('[data-testid="catalog-query"]');
    await expect.poll(() => cells().count()).toBe(before + 1);
    expect(await sourceOf(1)).toBe('SELECT *\nFROM lab.default.simple_table');
    expect(await cells().nth(1).getAttribute('class')).toContain('editing');
    expect(await cells().nth(1).locator('[data-testid="grid"]').count()).toBe(0);
    // Typing goes straight into the new cell.
    await page.keyboard.press(`${MOD}+End`);
    await page.keyboard.insertText('\nWHERE id > 5');
    expect(await sourceOf(1)).toBe('SELECT *\nFROM lab.default.simple_table\nWHERE id > 5');
  });

  it('SQL completion offers the columns of the shared table the cell reads', async () => {
    await table('lab.default.cdf_table').click();
    await page.locator('[data-testid="catalog-details"] [data-testid="catalog-version"]').waitFor();
    const before = await cells().count();
    await page.click('[data-testid="catalog-query"]');
    await expect.poll(() => cells().count()).toBe(before + 1);
    await page.keyboard.press(`${MOD}+End`);
    await page.keyboard.insertText('\nWHERE bi');
    await page.keyboard.press('Control+Space');
    const popup = page.locator('.cm-tooltip-autocomplete');
    await popup.waitFor();
    // birthday is a column of cdf_table (expected.json's schema), offered first with its type, above SQL keywords.
    expect((await popup.locator('li').allTextContents())[0]).toMatch(/^birthday.*cdf_table · date/);
    // CodeMirror ignores Enter for 75 ms after the list (re)opens, so a keypress already under way picks nothing.
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    const editing = page.locator('[data-testid="cell"].editing .cm-content');
    expect(await editing.evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'))).toBe(
      'SELECT *\nFROM lab.default.cdf_table\nWHERE birthday',
    );
    await page.keyboard.press('Escape');
  });

  it('quotes a table name that is not a plain identifier, and the query runs', async () => {
    await table('lab.default.simple-table').click();
    await cells().last().click();
    const before = await cells().count();
    await page.click('[data-testid="catalog-query"]');
    await expect.poll(() => cells().count()).toBe(before + 1);
    expect(await sourceOf(before)).toBe('SELECT *\nFROM lab.default."simple-table"');
    await page.keyboard.press('Shift+Enter');
    const cell = cells().nth(before);
    await expect
      .poll(() => cell.locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^${expected('simple_table').data.rowCount} rows`));
  });

  it('Add profile refuses text that is not a profile, with a clear error and no token', async () => {
    await page.click('[data-testid="catalog-add-profile"]');
    const input = page.locator('[data-testid="catalog-profile-input"]');
    await input.fill('{ "shareCredentialsVersion": 1, "bearerToken": "sekrit-token-123" ');
    await page.click('[data-testid="dialog-ok"]');
    const error = page.locator('[data-testid="catalog-profile-error"]');
    await expect.poll(() => error.count(), { timeout: 10_000 }).toBe(1);
    const message = (await error.textContent()) ?? '';
    expect(message.length).toBeGreaterThan(10);
    expect(message).not.toContain('sekrit-token-123');
    await page.screenshot({ path: join(SHOTS, 'catalog-bad-profile.png') });
    await input.press('Escape');
    expect(await page.locator('[data-testid="catalog-add-profile-dialog"]').count()).toBe(0);
  });

  it('Add profile with pasted JSON opens it; the same table under two profiles is named with its profile', async () => {
    const profileCount = await panel().locator('[data-testid="catalog-profile"]').count();
    await page.click('[data-testid="catalog-add-profile"]');
    await page.locator('[data-testid="catalog-profile-input"]').fill(profileJson);
    await page.click('[data-testid="dialog-ok"]');
    await expect.poll(() => panel().locator('[data-testid="catalog-profile"]').count(), { timeout: 15_000 }).toBe(profileCount + 1);
    await expect.poll(() => table('lab.default.simple_table').count(), { timeout: 15_000 }).toBe(2);
    const added = (await panel().locator('[data-testid="catalog-profile"]').last().getAttribute('data-name'))!;
    await table('lab.default.simple_table').nth(1).click();
    await cells().last().click();
    const before = await cells().count();
    await page.click('[data-testid="catalog-query"]');
    await expect.poll(() => cells().count()).toBe(before + 1);
    expect(await sourceOf(before)).toBe(`SELECT *\nFROM ${added}.lab.default.simple_table`);
    await page.keyboard.press('Shift+Enter');
    const cell = cells().nth(before);
    await expect
      .poll(() => cell.locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^${expected('simple_table').data.rowCount} rows`));
  });

  it('a profile whose server refuses the token is added, with the failure shown inline in the tree', async () => {
    const profileCount = await panel().locator('[data-testid="catalog-profile"]').count();
    await page.click('[data-testid="catalog-add-profile"]');
    const input = page.locator('[data-testid="catalog-profile-input"]');
    await input.fill(JSON.stringify({ shareCredentialsVersion: 1, endpoint: sharing.url, bearerToken: 'wrong-token-456' }));
    await page.click('[data-testid="dialog-ok"]');
    await expect.poll(() => page.locator('[data-testid="catalog-add-profile-dialog"]').count()).toBe(0);
    const problem = panel().locator('[data-testid="catalog-profile-problem"]');
    await expect.poll(() => problem.count(), { timeout: 15_000 }).toBe(1);
    expect(await problem.textContent()).not.toContain('wrong-token-456');
    expect(await panel().locator('[data-testid="catalog-profile"]').count()).toBe(profileCount + 1);
    await table('lab.default.cdf_table').first().click();
    await page.locator('[data-testid="catalog-details"] [data-testid="catalog-version"]').waitFor();
    await page.screenshot({ path: join(SHOTS, 'catalog.png') });
    await page.click('[data-testid="theme-toggle"]');
    await page.screenshot({ path: join(SHOTS, 'catalog-dark.png') });
  });

  it('profiles added in the app can be removed there; the one from the command line cannot', async () => {
    const profiles = () =>
      panel()
        .locator('[data-testid="catalog-profile"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    const before = await profiles();
    expect(before.length).toBeGreaterThanOrEqual(3);
    const lines = panel().locator('.catalog-profile-line');
    expect(await lines.first().locator('[data-testid="catalog-remove-profile"]').count()).toBe(0);
    const last = before[before.length - 1];
    await lines.last().hover();
    page.once('dialog', (d) => void d.accept());
    await lines.last().locator('[data-testid="catalog-remove-profile"]').click();
    await expect.poll(profiles).toEqual(before.slice(0, -1));
    expect(await profiles()).not.toContain(last);
  });
});
