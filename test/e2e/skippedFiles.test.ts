/**
 * A cell that reads a shared table with a selective WHERE from a server that ignores the hints, so
 * the client itself skips the files whose statistics rule them out: once the run is over, the cell's
 * output still says how many files it skipped and their size, figured from the files on disk.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../common/formatBytes';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../kernel/sharing/server';
import { cells, SHOTS, startApp, typeInCell, type RunningApp } from '../helpers/app';
import { writeRangeTable } from '../helpers/rangeTable';

let app: RunningApp;
let page: Page;
let sharing: RunningSharingServer;
let dir: string;
let table: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-skipped-e2e-'));
  table = join(dir, 'events');
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  await writeRangeTable(conn, table, 10, 1000);
  conn.closeSync();
  // The server answers every file, whatever the hints say: the skipping is the client's.
  sharing = await startSharingServer({
    ignoreHints: true,
    shares: [{ name: 'lab', schemas: [{ name: 'raw', tables: [{ name: 'events', location: table }] }] }],
  });
  writeProfile(join(dir, 'lab.share'), sharing.url, sharing.token);
  app = await startApp(['--profile', join(dir, 'lab.share')]);
  ({ page } = app);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await sharing?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The table's data files that hold no row the WHERE wants, found by reading each file with DuckDB. */
async function filesWithout(where: string): Promise<{ size: number }[]> {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  const out = [];
  for (const name of readdirSync(table).filter((n) => n.endsWith('.parquet'))) {
    const path = join(table, name);
    const hits = Number((await conn.runAndReadAll(`SELECT count(*) FROM '${path}' WHERE ${where}`)).getRows()[0][0]);
    if (hits === 0) out.push({ size: statSync(path).size });
  }
  conn.closeSync();
  return out;
}

describe('files a read skipped', () => {
  it('stay noted in the cell’s output after the run, with the count and size of the files on disk', async () => {
    await typeInCell(page, 0, 'SELECT count(*) AS n FROM lab.raw.events WHERE id >= 8500');
    const cell = cells(page).nth(0);
    await cell.locator('[data-testid="run-cell"]').click();
    await expect.poll(() => cell.locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 30_000 }).toMatch(/1 row/);
    await expect.poll(() => page.locator('[data-testid="session-status"]').textContent(), { timeout: 15_000 }).toBe('idle');
    expect(await cell.locator('[role="gridcell"]').last().textContent()).toBe('1,500');
    const skipped = await filesWithout('id >= 8500');
    expect(skipped.length).toBe(8);
    const note = cell.locator('[data-testid="output-note"]');
    expect(await note.count()).toBe(1);
    expect(await note.textContent()).toBe(
      `lab.raw.events: skipped 8 of 10 files (${formatBytes(skipped.reduce((s, f) => s + f.size, 0))})`,
    );

    // A WHERE that needs every file adds no note.
    await typeInCell(page, 0, 'SELECT count(*) AS n FROM lab.raw.events WHERE id % 1000 = 7');
    await cell.locator('[data-testid="run-cell"]').click();
    await expect.poll(() => cell.locator('[role="gridcell"]').last().textContent(), { timeout: 30_000 }).toBe('10');
    expect(await note.count()).toBe(0);

    await typeInCell(page, 0, 'SELECT count(*) AS n FROM lab.raw.events WHERE id < 100');
    await cell.locator('[data-testid="run-cell"]').click();
    await expect.poll(() => note.count(), { timeout: 30_000 }).toBe(1);
    for (const [w, h] of [
      [1440, 900],
      [1024, 700],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      for (const theme of ['light', 'dark']) {
        if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await page.click('[data-testid="theme-toggle"]');
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
        await page.screenshot({ path: join(SHOTS, `skipped-files-${w}x${h}-${theme}.png`) });
      }
    }
  }, 60_000);
});
