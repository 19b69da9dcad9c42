/**
 * What a new user meets reads true and fits: icon buttons have names a screen reader can say, the
 * shortcuts list is reachable without scrolling sideways, a column profile never claims more distinct
 * values than rows, the AutoML dialog neither denies a date column that is there nor breaks its
 * leaderboard's numbers over two lines, column headers show whole names, and a dialog takes the focus
 * (Esc closes it) even when its first control is disabled or its busy button dropped the focus.
 * Debian's Chromium against the built `silt serve`.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shootLooks } from '../helpers/looks';
import { cells, MOD, SHOTS, startApp, toolbarAction, typeInCell, type RunningApp } from '../helpers/app';

let app: RunningApp;
let page: Page;

/** 400 orders on 8 days (too few distinct times for the time split to be guessed), unique ids. */
const u = (salt: string) => `((hash(i, '${salt}') % 1000003) / 1000003.0)`;
const ORDERS_SQL = `SELECT 'O' || lpad(i::VARCHAR, 7, '0') AS order_id, DATE '2026-03-02' + (i % 8)::INT AS order_date,
  round(50 + ${u('a')} * 500, 2) AS amount, ['north', 'south', 'east'][1 + (i % 3)::INT] AS region,
  CASE WHEN ${u('y')} < 0.2 + amount / 1000 THEN 'returned' ELSE 'kept' END AS status
FROM range(1, 401) t(i)`;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});
afterAll(() => app?.close());

/** Visible buttons whose accessible name has no word in it ("☰", "▶", ".*"): silent to a screen reader. */
const unnamedButtons = () =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, [role="button"]')]
      .filter((b) => b.offsetParent !== null)
      .map((b) => {
        const labelledBy = b.getAttribute('aria-labelledby');
        const name =
          b.getAttribute('aria-label') ?? (labelledBy ? document.getElementById(labelledBy)?.textContent : null) ?? b.textContent ?? '';
        return name.trim();
      })
      .filter((name) => !/\p{L}{2}/u.test(name)),
  );

describe('a new user with a screen reader', () => {
  it('hears a name for every icon button of the toolbar, the catalog, a cell and the find bar', async () => {
    await typeInCell(page, 0, 'SELECT 1 AS one');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="catalog-toggle"]').click();
    await page.locator('[data-testid="catalog-refresh"]').waitFor();
    // A saved profile (its server need not answer) has a remove button, shown on hover.
    await page.locator('[data-testid="catalog-add-profile"]').click();
    await page
      .locator('[data-testid="catalog-profile-input"]')
      .fill('{"shareCredentialsVersion": 1, "endpoint": "http://127.0.0.1:9/delta-sharing", "bearerToken": "t"}');
    await page.locator('[data-testid="catalog-profile-name"]').fill('lab');
    await page.locator('[data-testid="dialog-ok"]').click();
    await page.locator('[data-testid="catalog-remove-profile"]').waitFor({ state: 'attached', timeout: 20_000 });
    await page.keyboard.press(`${MOD}+F`);
    await page.locator('[data-testid="find-bar"]').waitFor();
    for (const name of [
      'Catalog',
      'Keyboard shortcuts',
      'Switch to dark theme',
      'Reload the catalog',
      'Remove the profile lab',
      'Run cell',
      'Show replace',
      'Match case',
      'Whole word',
      'Regular expression',
      'Previous match',
      'Next match',
    ]) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBeGreaterThanOrEqual(1);
    }
    expect(await unnamedButtons()).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="catalog-toggle"]').click();
  });
});

describe('the keyboard shortcuts', () => {
  it('lists every shortcut within the dialog at 1024×700: nothing is pushed off to the right', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('button', { name: 'Keyboard shortcuts', exact: true }).click();
    const dialog = page.locator('[data-testid="shortcuts-help"]');
    await dialog.waitFor();
    const outside = await dialog.evaluate((d) => {
      const box = d.getBoundingClientRect();
      return [...d.querySelectorAll<HTMLElement>('.shortcut-row')]
        .filter((r) => {
          const b = r.getBoundingClientRect();
          return b.left < box.left || b.right > box.right + 0.5;
        })
        .map((r) => r.textContent);
    });
    expect(outside).toEqual([]);
    // The last group (View) is still there, reached by scrolling down.
    expect(await dialog.locator('.shortcut-row').count()).toBeGreaterThan(20);
    await shootLooks(page, 'polish-shortcuts');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe('a result of 400 orders', () => {
  it("profiles 400 unique ids as 400 distinct values, not DuckDB's estimate of more", async () => {
    await typeInCell(page, 0, ORDERS_SQL);
    await page.keyboard.press('Shift+Enter');
    const grid = cells(page).nth(0).locator('[data-testid="grid"]');
    await expect.poll(() => grid.locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 20_000 }).toMatch(/400 rows/);
    await grid.locator('[data-testid="grid-profile"]').click();
    const card = (name: string) => grid.locator(`[data-testid="profile-column"][data-column="${name}"]`);
    await card('order_id').waitFor({ timeout: 20_000 });
    // 400 ids, one per row of range(1, 401): counted exactly (a result under a million rows), no "≈".
    expect(await card('order_id').locator('[data-stat="distinct"]').textContent()).toBe('400');
    // Three regions, all among the top values shown: counted exactly.
    expect(await card('region').locator('[data-stat="distinct"]').textContent()).toBe('3');
    await grid.locator('[data-testid="grid-profile"]').click();
  });

  it('names each top value of a filter menu as its value and count, not the two run together', async () => {
    const grid = cells(page).nth(0).locator('[data-testid="grid"]');
    await grid.getByRole('button', { name: 'Filter region', exact: true }).click();
    const menu = page.locator('[data-testid="grid-filter-menu"]');
    await menu.locator('[data-testid="grid-top-value"]').first().waitFor({ timeout: 20_000 });
    // region cycles south, east, north over i = 1…400: 134 souths (i % 3 = 1), 133 of each other.
    for (const name of ['south, 134 rows', 'east, 133 rows', 'north, 133 rows']) {
      expect(await menu.getByRole('button', { name, exact: true }).count(), name).toBe(1);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
  });

  it('offers the date column it did not guess without saying there is none, and keeps leaderboard numbers on one line; its notebook opens rendered', async () => {
    await cells(page).nth(0).locator('[data-testid="result-action-automl"]').click();
    const dialog = page.locator('[data-testid="automl-dialog"]');
    await dialog.locator('[data-testid="automl-column"][data-column="amount"]').waitFor({ timeout: 20_000 });
    const split = dialog.locator('[data-testid="automl-time-column"]');
    expect(await split.inputValue()).toBe('auto');
    // order_date has 8 days: too few to be guessed, but it is a date column, offered below.
    const options = await split.locator('option').allTextContents();
    expect(options).toEqual(['shuffled (no time column guessed)', 'by time: order_date']);
    await dialog.locator('[data-testid="automl-budget"]').fill('3');
    await dialog.locator('[data-testid="dialog-ok"]').click();
    // No cell runs, but the search does: the session badge says so rather than "idle", until it ends.
    const status = page.locator('[data-testid="session-status"]');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('training');
    const report = dialog.locator('[data-testid="automl-report"]');
    await report.waitFor({ timeout: 30_000 });
    await expect.poll(() => status.textContent()).toBe('idle');
    const rows = report.locator('[data-testid="automl-leaderboard-row"]');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    /** Leaderboard cells (score, time) whose text takes more than one line. */
    const brokenNumbers = () =>
      report.evaluate((r) =>
        [...r.querySelectorAll<HTMLElement>('[data-testid="automl-leaderboard-row"] td.num')]
          .filter((td) => {
            const range = document.createRange();
            range.selectNodeContents(td);
            return new Set([...range.getClientRects()].map((b) => Math.round(b.top))).size > 1;
          })
          .map((td) => td.textContent),
      );
    // At 1024×700 and in a narrower window, where the trials' descriptions must wrap.
    for (const width of [1024, 640]) {
      await page.setViewportSize({ width, height: 700 });
      await rows.first().scrollIntoViewIfNeeded();
      expect(await brokenNumbers(), `at ${width} px`).toEqual([]);
    }
    await shootLooks(page, 'polish-automl-report-leaderboard');
    await page.setViewportSize({ width: 1280, height: 900 });
    // Insert as notebook cells: its first cell, a markdown heading, shows rendered, not as raw markdown in an editor.
    await report.getByRole('button', { name: 'Insert as notebook cells' }).click();
    await dialog.waitFor({ state: 'detached' });
    const heading = cells(page).nth(1).locator('[data-testid="markdown-rendered"] h1');
    await expect.poll(() => heading.textContent()).toBe('Reproduce the AutoML run for status');
    expect(await cells(page).nth(1).locator('.cm-editor').count()).toBe(0);
  });

  it('closes the Export dialog with Esc after an export, when its button (disabled while writing) took the focus away', async () => {
    await cells(page).nth(0).locator('[data-testid="result-action-export"]').click();
    const dialog = page.locator('[data-testid="export-dialog"]');
    await dialog.waitFor();
    await dialog.locator('[data-testid="dialog-ok"]').click();
    await expect.poll(() => dialog.locator('[data-testid="export-result"]').textContent(), { timeout: 20_000 }).toMatch(/^Wrote 400 rows/);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });
});

describe("a result's column headers", () => {
  it('show whole names such as amount_eur_sum and _commit_version, not cut with an ellipsis', async () => {
    await typeInCell(page, 0, 'SELECT 1 AS amount_eur_sum, 2.5 AS avg_order_eur, 3 AS _commit_version, 4 AS listings_now, 5 AS n');
    await page.keyboard.press('Shift+Enter');
    const grid = cells(page).nth(0).locator('[data-testid="grid"]');
    await expect.poll(() => grid.locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 20_000 }).toMatch(/1 row/);
    const cut = await grid.evaluate((g) =>
      [...g.querySelectorAll<HTMLElement>('.grid-colname')].filter((n) => n.scrollWidth > n.clientWidth).map((n) => n.textContent),
    );
    expect(cut).toEqual([]);
    expect(await grid.locator('.grid-colname').allTextContents()).toEqual([
      'amount_eur_sum',
      'avg_order_eur',
      '_commit_version',
      'listings_now',
      'n',
    ]);
  });
});

describe('a dialog opened from the toolbar', () => {
  it('takes the focus, so Esc closes Open notebook in a wide window and from the File menu of a narrow one', async () => {
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 700 });
      await toolbarAction(page, 'open');
      const dialog = page.locator('[data-testid="open-dialog"]');
      await dialog.waitFor();
      await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement)), { message: `at ${width} px` }).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe('a crowded tab strip', () => {
  it('keeps the unsaved dot of a tab whose name it cuts short', async () => {
    await typeInCell(page, 0, 'SELECT 2 AS edited');
    await page.keyboard.press('Escape');
    const first = page.locator('[data-testid="tab"]').first();
    await first.locator('.tab-dirty').waitFor();
    for (let i = 0; i < 5; i++) {
      const before = await page.locator('[data-testid="tab"]').count();
      await page.locator('[data-testid="tab-new"]').click();
      await expect.poll(() => page.locator('[data-testid="tab"]').count()).toBe(before + 1);
    }
    // Five new notebooks: each tab's name tells it apart ("Untitled", "Untitled 2", …), none is repeated.
    const titles = await page.locator('[data-testid="tab"] .tab-title-text').allTextContents();
    expect(titles).toHaveLength(6);
    expect(new Set(titles).size).toBe(6);
    expect(titles).toContain('Untitled 2');
    await page.setViewportSize({ width: 480, height: 700 });
    const shown = () =>
      first.evaluate((tab) => {
        const name = tab.querySelector<HTMLElement>('.tab-title-text') ?? tab;
        const dot = tab.querySelector('.tab-dirty')!.getBoundingClientRect();
        const box = tab.getBoundingClientRect();
        return {
          cut: name.scrollWidth > name.clientWidth,
          dotInside: dot.width > 0 && dot.left >= box.left && dot.right <= box.right + 0.5,
        };
      });
    // Six tabs in 480 px: the name is cut short, and the dot is still there.
    await expect.poll(shown).toEqual({ cut: true, dotInside: true });
    await page.screenshot({ path: join(SHOTS, 'polish-crowded-tabs.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    while ((await page.locator('[data-testid="tab"]').count()) > 1) {
      await page.locator('[data-testid="tab-close"]').last().click();
    }
  });
});
