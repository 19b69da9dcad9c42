/**
 * Expectations as a user meets them in Chromium: a SQL result → Expectations… → the suggested
 * EXPECT ON cell → Insert cell → it runs and its output table shows every rule passing; then an
 * expectation cell with a failing FAIL UPDATE rule shows its figures and fails naming the rule.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../kernel/sharing/server';
import { cells, SHOTS, startApp, typeInCell, type RunningApp } from '../helpers/app';
import { SHARED } from '../helpers/shared';

let app: RunningApp;
let page: Page;
let sharing: RunningSharingServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-quality-e2e-'));
  // A Spark-written table with deletion vectors, served by the real sharing server.
  sharing = await startSharingServer({
    shares: [
      {
        name: 'qa',
        schemas: [{ name: 's', tables: [{ name: 'dv', location: join(SHARED, 'data', 'delta', 'basic-dv-with-checkpoint') }] }],
      },
    ],
  });
  const profile = join(dir, 'qa.share');
  writeProfile(profile, sharing.url, sharing.token);
  app = await startApp(['--profile', profile]);
  ({ page } = app);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await sharing?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The text of every cell of a grid's rows, row by row. */
async function gridRows(cell: ReturnType<Page['locator']>, nth = 0): Promise<string[][]> {
  const rows = cell.locator('[data-testid="grid"]').nth(nth).locator('[role="row"]:has([role="gridcell"])');
  return rows.evaluateAll((els) => els.map((r) => [...r.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent ?? '')));
}

describe('expectation cells', () => {
  it('suggests rules for a result, inserts them as a cell, and its output table shows each rule passing', async () => {
    await typeInCell(
      page,
      0,
      "SELECT i AS trip_id, ['cash', 'card', 'app'][1 + i % 3] AS paid_by, (i % 40) * 2.5 AS fare FROM range(600) t(i)",
    );
    await cells(page).nth(0).locator('[data-testid="cell-name"]').fill('trips');
    await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
    await expect
      .poll(() => cells(page).nth(0).locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 20_000 })
      .toMatch(/600 rows/);

    await cells(page).nth(0).locator('[data-testid="result-action-expectations"]').click();
    const dialog = page.locator('[data-testid="suggest-expectations"]');
    const text = dialog.locator('[data-testid="suggested-expectations"]');
    await text.waitFor({ timeout: 20_000 });
    expect(await text.inputValue()).toMatch(/^EXPECT ON trips\n/);
    expect(await text.inputValue()).toContain("CONSTRAINT paid_by_known EXPECT (paid_by IN ('app', 'card', 'cash'))");
    await page.screenshot({ path: join(SHOTS, 'quality-suggest.png') });
    await dialog.locator('[data-testid="dialog-ok"]').click();

    await expect.poll(() => cells(page).count()).toBe(2);
    const check = cells(page).nth(1);
    await expect.poll(() => check.locator('[data-testid="stream-output"]').first().textContent(), { timeout: 20_000 }).toMatch(/all pass/);
    const rows = await gridRows(check);
    expect(rows.map((r) => r.slice(0, 1))).toEqual(
      expect.arrayContaining([['trip_id_not_null'], ['trip_id_range'], ['trip_id_unique'], ['paid_by_known'], ['fare_range']]),
    );
    // rule, action, rows_checked, passed, failed: every rule checked 600 rows and none failed
    for (const r of rows) expect([r[1], r[2], r[3], r[4]]).toEqual(['warn', '600', '600', '0']);
  });

  it('a FAIL UPDATE rule that fails shows the figures and the failing rows, then the error naming it', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('b');
    const cell = cells(page).nth(2);
    if ((await cell.getAttribute('data-language')) !== 'sql') await cell.locator('[data-testid="language-toggle"]').click();
    await typeInCell(
      page,
      2,
      "EXPECT ON trips\n  CONSTRAINT no_app EXPECT (paid_by <> 'app') ON VIOLATION FAIL UPDATE,\n  CONSTRAINT cheap EXPECT (fare < 90) ON VIOLATION DROP ROW",
    );
    await cell.locator('[data-testid="run-cell"]').click();
    const error = cell.locator('[data-testid="error-output"]');
    await error.waitFor({ timeout: 20_000 });
    expect(await error.textContent()).toContain('Expectation failed');
    expect(await error.textContent()).toContain('Rule "no_app" failed on 200 rows of 600 rows of trips');
    const figures = await gridRows(cell, 0);
    expect(figures.map((r) => r.slice(0, 5))).toEqual([
      ['no_app', 'fail update', '600', '400', '200'],
      ['cheap', 'drop row', '600', '540', '60'],
    ]);
    const failing = await gridRows(cell, 1);
    expect(failing.length).toBe(10);
    expect(failing.filter((r) => r[0] === 'no_app').every((r) => r[2] === 'app')).toBe(true);
    await cell.scrollIntoViewIfNeeded();

    for (const [w, h] of [
      [1440, 900],
      [1024, 700],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      for (const theme of ['light', 'dark']) {
        if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await page.click('[data-testid="theme-toggle"]');
        await cell.scrollIntoViewIfNeeded();
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
        await page.screenshot({ path: join(SHOTS, `quality-${w}x${h}-${theme}.png`) });
      }
    }
  }, 60_000);

  it('Suggest expectations… on a catalog table inserts a cell that checks the shared table, all passing', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== 'light') await page.click('[data-testid="theme-toggle"]');
    await page.click('[data-testid="catalog-toggle"]');
    const entry = page.locator('[data-testid="catalog-table"][data-name="qa.s.dv"]');
    await entry.waitFor({ timeout: 20_000 });
    await entry.click();
    await page.locator('[data-testid="catalog-expectations"]').click();
    const text = page.locator('[data-testid="suggest-expectations"] [data-testid="suggested-expectations"]');
    await text.waitFor({ timeout: 20_000 });
    expect(await text.inputValue()).toMatch(/^EXPECT ON qa\.s\.dv\n/);
    expect(await text.inputValue()).toContain('CONSTRAINT id_unique EXPECT');
    const before = await cells(page).count();
    await page.locator('[data-testid="suggest-expectations"] [data-testid="dialog-ok"]').click();
    await expect.poll(() => cells(page).count()).toBe(before + 1);
    const check = page.locator('[data-testid="cell"]', { hasText: 'EXPECT ON qa.s.dv' });
    await expect
      .poll(() => check.locator('[data-testid="stream-output"]').first().textContent(), { timeout: 30_000 })
      .toMatch(/qa\.s\.dv v\d+ · 454 rows · \d+ rules: all pass/);
    // The catalog now shows the table's state from that check (the details pane reads it when it opens).
    await page.click('[data-testid="catalog-toggle"]');
    await page.click('[data-testid="catalog-toggle"]');
    await page.locator('[data-testid="catalog-table"][data-name="qa.s.dv"]').click();
    const badge = page.locator('[data-testid="quality-badge"]');
    await badge.waitFor({ timeout: 15_000 });
    expect(await badge.getAttribute('data-state')).toBe('pass');
    expect(await badge.textContent()).toMatch(/^All pass3 rules · v46 · checked /);
    await check.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'quality-catalog.png') });
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.click('[data-testid="theme-toggle"]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'quality-catalog-1024x700-dark.png') });
  }, 60_000);
  it('the open table details follow a new check: a failing rule turns the badge to Warnings without reopening', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== 'light') await page.click('[data-testid="theme-toggle"]');
    const badge = page.locator('[data-testid="quality-badge"]');
    expect(await badge.getAttribute('data-state')).toBe('pass');
    // A warn rule that fails on every row of qa.s.dv: its row count from expected.json (computed outside Silt).
    const expected = JSON.parse(readFileSync(join(SHARED, 'data', 'delta', 'expected.json'), 'utf8')).tables['basic-dv-with-checkpoint'];
    const n = expected.versions[String(expected.latestVersion)].data.rowCount;
    const before = await cells(page).count();
    await cells(page)
      .nth(before - 1)
      .click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('b');
    await expect.poll(() => cells(page).count()).toBe(before + 1);
    const cell = cells(page).nth(before);
    if ((await cell.getAttribute('data-language')) !== 'sql') await cell.locator('[data-testid="language-toggle"]').click();
    await typeInCell(page, before, 'EXPECT ON qa.s.dv\n  CONSTRAINT never EXPECT (id < 0)');
    await cell.locator('[data-testid="run-cell"]').click();
    await expect.poll(() => cell.locator('[data-testid="stream-output"]').first().textContent(), { timeout: 30_000 }).toMatch(/never/);
    // The details pane stayed open; the badge read the new check on its own.
    await expect.poll(() => badge.getAttribute('data-state'), { timeout: 15_000 }).toBe('warn');
    expect(await badge.textContent()).toMatch(/^Warnings/);
    expect(await badge.textContent()).toContain('failing: never');
    expect((await gridRows(cell)).map((r) => r.slice(0, 5))).toEqual([['never', 'warn', String(n), '0', String(n)]]);
    for (const [w, h] of [
      [1440, 900],
      [1024, 700],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      for (const theme of ['light', 'dark']) {
        if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await page.click('[data-testid="theme-toggle"]');
        await cell.scrollIntoViewIfNeeded();
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
        await page.screenshot({ path: join(SHOTS, `quality-badge-follows-${w}x${h}-${theme}.png`) });
      }
    }
  }, 60_000);
});
