/**
 * The result grid in Chromium on a 2,000,000-row result: sorting by clicking headers, filtering from
 * a column's menu, selecting a range and copying it to the real clipboard, the column profile against
 * DuckDB's own SUMMARIZE, the wheel reaching the page at the grid's end, and the notice on an
 * earlier run's rows after a restart. Expected values come from a separate DuckDB running the same SQL.
 */
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, MOD, SHOTS, startApp, toCommandMode, typeInCell, type RunningApp } from '../helpers/app';

const SQL = `SELECT i AS id, (i * 7919) % 100003 AS amount, 'city ' || (i % 50) AS city,
  CASE WHEN i % 7 = 0 THEN NULL ELSE round(i * 1.25, 2)::DECIMAL(18,2) END AS price
FROM range(2000000) t(i)`;

let app: RunningApp;
let page: Page;
let grid: Locator;
let duck: DuckDBConnection;

const rows = async (sql: string) => (await duck.runAndReadAll(sql)).getRowsJson();
const header = (name: string) => grid.locator('[role="columnheader"]').filter({ has: page.locator(`.grid-colname:text-is("${name}")`) });
const headerByIndex = (c: number) => grid.locator(`[role="columnheader"][aria-colindex="${c + 2}"]`);
const cell = (r: number, c: number) => grid.locator(`[data-testid="grid-cell"][data-row="${r}"][data-col="${c}"]`);
const rowCountText = () => grid.locator('[data-testid="grid-rowcount"]').textContent();

async function shoot(name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    const isDark = await page.evaluate(() => document.documentElement.dataset.theme === 'dark');
    // A click by script: a pointer click would also close an open filter menu, as any click outside does.
    if (isDark !== (theme === 'dark'))
      await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid="theme-toggle"]')!.click());
    for (const [w, h] of [
      [1440, 900],
      [1024, 700],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(150);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
      await page.screenshot({ path: join(SHOTS, `grid-${name}-${w}-${theme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

beforeAll(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  duck = await instance.connect();
  await duck.run(`CREATE TABLE expected AS ${SQL}`);
  app = await startApp();
  page = app.page;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.host.url).origin });
  await typeInCell(page, 0, SQL);
  await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
  grid = cells(page).nth(0).locator('[data-testid="grid"]');
  await grid.locator('[data-testid="grid-rowcount"]:text-is("2,000,000 rows")').waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  duck?.closeSync();
  await app?.close();
});

describe('result grid', () => {
  it('is a WAI-ARIA grid with counts, headers and indexed cells', async () => {
    const g = grid.locator('[role="grid"]');
    expect(await g.getAttribute('aria-rowcount')).toBe('2000001');
    expect(await g.getAttribute('aria-colcount')).toBe('5');
    expect(await grid.locator('[role="columnheader"][aria-sort]').count()).toBe(4);
    const first = grid.locator('[role="row"][aria-rowindex="2"] [role="gridcell"][aria-colindex="2"]');
    expect(await first.textContent()).toBe('0');
    // Numbers are grouped in the locale; the exact value is in the title.
    const big = cell(1, 1);
    expect(await big.textContent()).toBe('7,919');
    expect(await big.getAttribute('title')).toBe('7919');
  });

  it('sorts all 2,000,000 rows in DuckDB by clicking a header: ascending, descending, none', async () => {
    const amount = header('amount');
    await amount.locator('[data-testid="grid-sort"]').click();
    await expect.poll(() => amount.getAttribute('aria-sort'), { timeout: 15_000 }).toBe('ascending');
    await expect.poll(() => cell(0, 1).getAttribute('title'), { timeout: 15_000 }).toBe('0');
    await amount.locator('[data-testid="grid-sort"]').click();
    await expect.poll(() => amount.getAttribute('aria-sort'), { timeout: 15_000 }).toBe('descending');
    const [[maxAmount, firstId]] = await rows(`SELECT amount, id FROM expected ORDER BY amount DESC, id LIMIT 1`);
    await expect.poll(() => cell(0, 1).getAttribute('title'), { timeout: 15_000 }).toBe(String(maxAmount));
    expect(await cell(0, 0).getAttribute('title')).toBe(String(firstId));
    await shoot('sorted');
  });

  it('filters from the column menu, shows the filtered count and a removable chip', async () => {
    await header('city').locator('[data-testid="grid-column-menu"]').click();
    const menu = page.locator('[data-testid="grid-filter-menu"]');
    await menu.waitFor();
    // Top values are counted over the whole result.
    await expect.poll(() => menu.locator('[data-testid="grid-top-value"]').count(), { timeout: 10_000 }).toBe(10);
    expect(await menu.locator('[data-testid="grid-top-value"]').first().textContent()).toContain('40,000');
    await menu.locator('[data-testid="grid-filter-op"]').selectOption('contains');
    await menu.locator('[data-testid="grid-filter-value"]').fill('city 1');
    await shoot('filter-menu');
    await menu.locator('[data-testid="grid-filter-value"]').press('Enter');
    const [[n]] = await rows(`SELECT count(*) FROM expected WHERE city LIKE '%city 1%'`);
    const expected = `${Number(n).toLocaleString('en-US')} of 2,000,000 rows`;
    await expect.poll(() => rowCountText(), { timeout: 10_000 }).toBe(expected);
    expect(await grid.locator('[data-testid="grid-filter-chip"]').textContent()).toContain('city contains "city 1"');
    // Still sorted by amount, descending, within the filter.
    const [[top]] = await rows(`SELECT amount FROM expected WHERE city LIKE '%city 1%' ORDER BY amount DESC LIMIT 1`);
    await expect.poll(() => cell(0, 1).getAttribute('title'), { timeout: 15_000 }).toBe(String(top));
    // A second filter, on a number, with "between".
    await header('id').locator('[data-testid="grid-column-menu"]').click();
    await menu.locator('[data-testid="grid-filter-op"]').selectOption('between');
    await menu.locator('[data-testid="grid-filter-value"]').fill('1000');
    await menu.locator('[data-testid="grid-filter-value2"]').fill('1999');
    await menu.locator('[data-testid="grid-filter-apply"]').click();
    const [[n2]] = await rows(`SELECT count(*) FROM expected WHERE city LIKE '%city 1%' AND id BETWEEN 1000 AND 1999`);
    await expect.poll(() => rowCountText(), { timeout: 15_000 }).toBe(`${Number(n2).toLocaleString('en-US')} of 2,000,000 rows`);
    await grid.locator('[data-testid="grid-filter-chip"]').nth(1).getByRole('button').click();
    await expect.poll(() => rowCountText(), { timeout: 15_000 }).toBe(expected);
  });

  it('selects a range with click and Shift+click and copies it to the clipboard as TSV with exact values', async () => {
    await cell(0, 0).click();
    await cell(2, 3).click({ modifiers: ['Shift'] });
    expect(await grid.locator('[role="gridcell"][aria-selected="true"]').count()).toBe(12);
    await page.keyboard.press(`${MOD}+C`);
    await expect
      .poll(() => grid.locator('[data-testid="grid-copy-status"]').textContent(), { timeout: 15_000 })
      .toBe('Copied 3 rows × 4 columns as TSV');
    const expected = await rows(`SELECT * FROM expected WHERE city LIKE '%city 1%' ORDER BY amount DESC NULLS LAST, id LIMIT 3`);
    const tsv = ['id\tamount\tcity\tprice', ...expected.map((r) => r.map((v) => (v === null ? '' : String(v))).join('\t'))].join('\n');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tsv);
    // No page text was selected by the clicks (row numbers included).
    expect(await page.evaluate(() => String(window.getSelection()))).toBe('');
    await shoot('selection');
  });

  it('moves and extends the selection with the keyboard and copies a range beyond the loaded pages', async () => {
    await cell(0, 1).click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    expect(await grid.locator('[role="gridcell"][aria-selected="true"]').count()).toBe(2);
    await page.locator('[data-testid="grid-copy-markdown"]').first().click();
    await expect.poll(() => grid.locator('[data-testid="grid-copy-status"]').textContent(), { timeout: 15_000 }).toContain('as Markdown');
    const md = await page.evaluate(() => navigator.clipboard.readText());
    const expected = await rows(
      `SELECT amount FROM expected WHERE city LIKE '%city 1%' ORDER BY amount DESC NULLS LAST, id LIMIT 2 OFFSET 1`,
    );
    expect(md).toBe(['| amount |', '| --- |', ...expected.map((r) => `| ${r[0]} |`)].join('\n'));
    // A block longer than the pages the grid holds (it keeps six of 200 rows) is fetched to copy it.
    await cell(0, 0).click();
    const viewport = grid.locator('[data-testid="grid-viewport"]');
    // Past 8M px the scrollbar is compressed (see scrollMapping.ts): scroll to where row 2,996 is.
    await viewport.evaluate((el) => {
      const rowCount = Number(el.getAttribute('aria-rowcount')) - 1;
      const ratio = (el.scrollHeight - el.clientHeight) / (rowCount * 24 + 40 - el.clientHeight);
      el.scrollTop = 2996 * 24 * ratio;
    });
    await expect.poll(() => cell(3000, 1).getAttribute('title'), { timeout: 15_000 }).not.toBeNull();
    await cell(3000, 1).click({ modifiers: ['Shift'] });
    await page.keyboard.press(`${MOD}+C`);
    await expect
      .poll(() => grid.locator('[data-testid="grid-copy-status"]').textContent(), { timeout: 15_000 })
      .toContain('3,001 rows × 2');
    const block = await rows(`SELECT id, amount FROM expected WHERE city LIKE '%city 1%' ORDER BY amount DESC NULLS LAST, id LIMIT 3001`);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(['id\tamount', ...block.map((r) => r.join('\t'))].join('\n'));
    await viewport.evaluate((el) => (el.scrollTop = 0));
    // Dragging from one cell to another selects the block between them.
    await cell(1, 0).hover();
    await page.mouse.down();
    await cell(4, 2).hover();
    await page.mouse.up();
    expect(await grid.locator('[role="gridcell"][aria-selected="true"]').count()).toBe(12);
    expect(await page.evaluate(() => String(window.getSelection()))).toBe('');
    // Ctrl+A selects every filtered row: more than a copy may take, which the grid says.
    await cell(0, 0).click();
    await page.keyboard.press(`${MOD}+A`);
    await page.keyboard.press(`${MOD}+C`);
    const [[n]] = await rows(`SELECT count(*) FROM expected WHERE city LIKE '%city 1%'`);
    await expect
      .poll(() => grid.locator('[data-testid="grid-copy-status"]').textContent(), { timeout: 15_000 })
      .toContain('at most 100,000 rows');
    expect(Number(n)).toBeGreaterThan(100_000);
  });

  it('profiles every column over the whole result, as DuckDB SUMMARIZE does', async () => {
    await grid.locator('[data-testid="grid-profile"]').click();
    const panel = grid.locator('[data-testid="profile-panel"]');
    const price = panel.locator('[data-testid="profile-column"][data-column="price"]');
    await price.waitFor({ timeout: 30_000 });
    const [[min, max, approx, avg, nullPct]] = await rows(
      `SELECT min, max, approx_unique, avg, null_percentage FROM (SUMMARIZE SELECT * FROM expected) WHERE column_name = 'price'`,
    );
    expect(await price.locator('[data-stat="min"]').textContent()).toBe(min);
    expect(await price.locator('[data-stat="max"]').textContent()).toBe(max);
    expect(await price.locator('[data-stat="distinct ≈"]').getAttribute('title')).toBe(`${approx} (approximate)`);
    expect(Number(await price.locator('[data-stat="mean"]').getAttribute('title'))).toBeCloseTo(Number(avg), 2);
    expect(await price.locator('[data-stat="nulls"]').textContent()).toBe(`${Number(nullPct).toFixed(1)}%`);
    expect(await price.locator('svg rect').count()).toBe(16);
    expect(await panel.locator('[data-testid="profile-column"][data-column="city"] li').count()).toBe(5);
    await shoot('profile');
    await panel.getByRole('button', { name: 'Close profile' }).click();
  });

  it('passes the wheel to the page once the grid is scrolled to its end', async () => {
    // The filter of the tests before is removed from its chip.
    while ((await grid.locator('[data-testid="grid-filter-chip"]').count()) > 0) {
      await grid.locator('[data-testid="grid-filter-chip"]').first().getByRole('button').click();
    }
    await expect.poll(() => rowCountText(), { timeout: 15_000 }).toBe('2,000,000 rows');
    // A short window, so the notebook itself has somewhere to scroll.
    await page.setViewportSize({ width: 1280, height: 480 });
    const viewport = grid.locator('[data-testid="grid-viewport"]');
    const notebook = page.locator('.notebook');
    const room = await notebook.evaluate((el) => el.scrollHeight - el.clientHeight);
    expect(room).toBeGreaterThan(100);
    // Grid at its bottom, page at its top: wheeling down over the grid scrolls the page.
    await notebook.evaluate((el) => (el.scrollTop = 0));
    await viewport.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForTimeout(200);
    const box = (await viewport.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, Math.min(box.y + 60, 440));
    await page.mouse.wheel(0, 200);
    await expect.poll(() => notebook.evaluate((el) => el.scrollTop), { timeout: 15_000 }).toBeGreaterThan(0);
    // Grid at its top, page scrolled down: wheeling up over the grid scrolls the page back.
    await notebook.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await viewport.evaluate((el) => (el.scrollTop = 0));
    await page.waitForTimeout(200);
    const below = await notebook.evaluate((el) => el.scrollTop);
    const box2 = (await viewport.boundingBox())!;
    await page.mouse.move(box2.x + box2.width / 2, Math.max(box2.y + box2.height - 40, 20));
    await page.mouse.wheel(0, -200);
    await expect.poll(() => notebook.evaluate((el) => el.scrollTop), { timeout: 15_000 }).toBeLessThan(below);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('after a restart says the rows are from an earlier run and offers Run, which brings them back', async () => {
    await page.click('[data-testid="restart"]');
    const stale = grid.locator('[data-testid="grid-stale"]');
    await stale.waitFor({ timeout: 20_000 });
    expect(await stale.textContent()).toContain('These rows are from an earlier run — Run the cell to page, sort and filter them');
    // Nothing to sort or filter any more, and no placeholder rows waiting for pages.
    expect(await grid.locator('[data-testid="grid-column-menu"]').count()).toBe(0);
    expect(await grid.locator('[role="grid"]').getAttribute('aria-rowcount')).toBe('201');
    // The stored first page shows as it was (in the result's order), with no grey placeholder rows.
    expect(await grid.locator('.grid-cell.loading').count()).toBe(0);
    expect(await cell(0, 0).textContent()).toBe('0');
    expect(await headerByIndex(1).getAttribute('aria-sort')).toBe('none');
    await page.screenshot({ path: join(SHOTS, 'grid-stale.png') });
    await expect.poll(() => page.locator('[data-testid="session-status"]').textContent(), { timeout: 20_000 }).toContain('idle');
    await stale.locator('[data-testid="grid-stale-run"]').click();
    await expect.poll(() => stale.count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => rowCountText(), { timeout: 15_000 }).toBe('2,000,000 rows');
    // A fresh result in its own order, pageable again.
    expect(await headerByIndex(1).getAttribute('aria-sort')).toBe('none');
    expect(await cell(0, 0).getAttribute('title')).toBe('0');
    await grid.locator('[data-testid="grid-viewport"]').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => cell(1_999_999, 0).getAttribute('title'), { timeout: 10_000 }).toBe('1999999');
  });

  it('says so when later SQL changes a named result’s table, with its new row count; Run makes it again', async () => {
    await cells(page).nth(0).locator('[data-testid="cell-name"]').fill('big');
    await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
    await expect.poll(() => rowCountText(), { timeout: 60_000 }).toBe('2,000,000 rows');
    await toCommandMode(page);
    await page.keyboard.press('b');
    await expect.poll(() => cells(page).count()).toBe(2);
    await typeInCell(page, 1, 'DELETE FROM big WHERE id < 10');
    await cells(page).nth(1).locator('[data-testid="run-cell"]').click();
    const stale = grid.locator('[data-testid="grid-stale"]');
    await stale.waitFor({ timeout: 20_000 });
    const [left] = await rows(`SELECT count(*) FROM expected WHERE id >= 10`);
    expect(await stale.locator('span').textContent()).toBe(
      `big changed after this cell ran: it now has ${Number(left[0]).toLocaleString('en-US')} rows, not 2,000,000. ` +
        'These are the rows the cell made; query big to see it as it is now, or Run to make it again.',
    );
    // The count it showed stays, as the rows it made; nothing pages rows of the changed table under it.
    expect(await rowCountText()).toBe('2,000,000 rows');
    expect(await grid.locator('[data-testid="grid-column-menu"]').count()).toBe(0);
    await shoot('changed');
    await stale.locator('[data-testid="grid-stale-run"]').click();
    await expect.poll(() => stale.count(), { timeout: 60_000 }).toBe(0);
    expect(await rowCountText()).toBe('2,000,000 rows');
  }, 120_000);

  it('says its rows were updated when an UPDATE keeps the row count, instead of paging values its first page does not show', async () => {
    // Row 1's amount as the cell made it (7919) is on screen; the UPDATE doubles every amount.
    await expect.poll(() => cell(1, 1).getAttribute('title'), { timeout: 15_000 }).toBe('7919');
    await typeInCell(page, 1, 'UPDATE big SET amount = amount * 2');
    await cells(page).nth(1).locator('[data-testid="run-cell"]').click();
    const stale = grid.locator('[data-testid="grid-stale"]');
    await stale.waitFor({ timeout: 30_000 });
    const [all] = await rows(`SELECT count(*) FROM expected`);
    expect(await stale.locator('span').textContent()).toBe(
      `big changed after this cell ran: its rows were updated (it still has ${Number(all[0]).toLocaleString('en-US')} rows). ` +
        'These are the rows the cell made; query big to see it as it is now, or Run to make it again.',
    );
    expect(await rowCountText()).toBe('2,000,000 rows');
    expect(await grid.locator('[data-testid="grid-column-menu"]').count()).toBe(0);
    await shoot('updated');
    // Run makes the table again from the cell's query: the amounts it made, pageable again.
    await stale.locator('[data-testid="grid-stale-run"]').click();
    await expect.poll(() => stale.count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => cell(1, 1).getAttribute('title'), { timeout: 15_000 }).toBe('7919');
  }, 120_000);
});
