/**
 * A third new-user walk, in a 1024 × 700 window (and 1440 × 900), light and dark, in Debian's Chromium
 * against the built `silt serve`: the find bar is drawn whole, a result's tools stay on one line in a
 * cell narrowed by both side panels (the least used in a keyboard "More" menu: Chart… and Export… stay
 * out), the Variables panel shows its types, shapes and sizes uncut, and the result grid names its
 * active cell to assistive technology, from the moment Tab brings the focus to it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, MOD, startApp, typeInCell, type RunningApp } from '../helpers/app';
import { shootLooks } from '../helpers/looks';

let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});
afterAll(() => app?.close());

const grid = () => cells(page).nth(0).locator('[data-testid="grid"]');

describe('the find bar at 1024 × 700', () => {
  it('has every edge drawn, its top inside the notebook rather than cut by its scroll edge', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await typeInCell(page, 0, "SELECT 'north' AS region");
    await page.keyboard.press(`${MOD}+F`);
    const bar = page.locator('[data-testid="find-bar"]');
    await bar.waitFor();
    const look = () =>
      bar.evaluate((b) => {
        const main = b.closest('main')!.getBoundingClientRect();
        return { gap: b.getBoundingClientRect().top - main.top, border: parseFloat(getComputedStyle(b).borderTopWidth) };
      });
    const top = await look();
    expect(top.border).toBeGreaterThanOrEqual(1);
    expect(top.gap).toBeGreaterThanOrEqual(2);
    await shootLooks(page, 'narrow-find');
    await page.keyboard.press('Escape');
    await bar.waitFor({ state: 'detached' });
  });
});

describe('a result of eight columns in a cell narrowed by the catalog and the Variables panel', () => {
  /** How far apart, in px, the middles of the row count and the tool buttons are: under 4 is one line. */
  const toolSpread = () =>
    grid()
      .evaluate((g) => {
        const meta = g.querySelector<HTMLElement>('.grid-meta')!;
        return [meta.querySelector('[data-testid="grid-rowcount"]')!, ...meta.querySelectorAll('button')].map((p) => {
          const b = p.getBoundingClientRect();
          return (b.top + b.bottom) / 2;
        });
      })
      .then((m) => Math.max(...m) - Math.min(...m));

  it('keeps its tools on one line, the rest in a More menu the keyboard opens and walks', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await cells(page).nth(0).locator('[data-testid="cell-name"]').fill('q');
    await typeInCell(
      page,
      0,
      "SELECT i AS order_id, DATE '2026-03-01' + i::INT AS order_date, 'north' AS region, 'Lyon' AS city, 'Audi' AS make, 'A4' AS model, i * 10.5 AS amount_eur, 'paid' AS status FROM range(1, 41) t(i)",
    );
    await page.keyboard.press(`${MOD}+Enter`);
    await expect.poll(() => grid().locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 20_000 }).toBe('40 rows');
    await page.locator('[data-testid="catalog-toggle"]').click();
    await page.locator('[data-testid="side-tab-variables"]').click();
    await page.locator('[data-testid="variables-panel"]').waitFor();
    await expect.poll(toolSpread).toBeLessThan(4);
    const more = grid().getByRole('button', { name: 'More', exact: true });
    expect(await more.getAttribute('aria-haspopup')).toBe('menu');
    expect(await more.getAttribute('title')).toMatch(/^More: .*Publish…$/);
    await shootLooks(page, 'narrow-tools');
    expect(await toolSpread()).toBeLessThan(4);

    // The least used fold first, the rest keeping the bar's order, inline and in the menu alike: in
    // this cell's room Chart… alone stays out; at 1440 px Chart… and Export… do, Copy as Markdown not.
    const bar = ['Copy as CSV', 'Copy as Markdown', 'Profile', 'Train a baseline model…', 'Chart…', 'Export…', 'Expectations…', 'Publish…'];
    const inlineTools = () => grid().locator('.grid-tools > button:not([data-testid="grid-more"])').allTextContents();
    const folded = (inline: string[]) => bar.filter((l) => !inline.includes(l));
    expect(await inlineTools()).toEqual(['Chart…']);
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect.poll(inlineTools).toEqual(['Copy as CSV', 'Profile', 'Train a baseline model…', 'Chart…', 'Export…']);
    await page.setViewportSize({ width: 1024, height: 700 });
    await expect.poll(inlineTools).toEqual(['Chart…']);

    // The keyboard reaches it, opens it, walks it and comes back to it.
    await more.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'More' });
    await menu.waitFor();
    const items = await menu.locator('[role^="menuitem"]').allTextContents();
    expect(items).toEqual(folded(['Chart…']));
    expect(items[items.length - 1]).toBe('Publish…');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(items[0]);
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('title'))).toMatch(/^Publish this result/);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('grid-more');

    // An item runs as its button would: Publish… opens its dialog.
    await page.keyboard.press('Enter');
    await menu.getByRole('menuitem', { name: 'Publish…', exact: true }).click();
    const dialog = page.locator('[data-testid="publish-dialog"]');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('keeps the cell’s header inside a cell narrower still (a 900 px window): the result name gives way', async () => {
    await page.setViewportSize({ width: 900, height: 700 });
    const notebook = page.locator('main.notebook');
    await expect.poll(() => notebook.evaluate((m) => m.scrollWidth - m.clientWidth)).toBe(0);
    const [header, editor] = await Promise.all(
      ['.cell-header', '[data-testid="cell-editor"]'].map((s) =>
        cells(page)
          .nth(0)
          .locator(s)
          .evaluate((e) => e.getBoundingClientRect().right),
      ),
    );
    expect(header).toBeLessThanOrEqual(editor + 0.5);
    await page.setViewportSize({ width: 1024, height: 700 });
  });

  it('shows the Variables panel’s type, shape and size whole beside it', async () => {
    const row = page.locator('[data-testid="variable-row"]').first();
    await row.waitFor({ timeout: 20_000 });
    const cutCells = () =>
      page
        .locator('.variables-table td:not(.variable-name)')
        .evaluateAll((tds) => tds.filter((td) => td.scrollWidth > td.clientWidth).map((td) => td.textContent));
    expect(await row.locator('td').allTextContents()).toEqual(['q', 'SQL result', '40 × 8', expect.stringMatching(/^\d[\d.]* (B|KB)$/)]);
    expect(await cutCells()).toEqual([]);
    await shootLooks(page, 'narrow-variables');
    expect(await cutCells()).toEqual([]);
  });
});

describe('keyboard navigation in the grid', () => {
  /** The cell the grid names as its active descendant, and whether the grid has the focus. */
  const active = () =>
    grid()
      .locator('[data-testid="grid-viewport"]')
      .evaluate((v) => {
        const el = document.getElementById(v.getAttribute('aria-activedescendant') ?? '');
        return {
          at: el ? `${el.dataset.row},${el.dataset.col}` : null,
          text: el?.textContent ?? null,
          focused: document.activeElement === v,
        };
      });

  it('lands on a cell when Tab brings the focus: the first data cell, then the last one active', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await grid().locator('.grid-tools > button').last().focus();
    await page.keyboard.press('Tab');
    await expect.poll(active).toEqual({ at: '0,0', text: '1', focused: true });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    expect(await active()).toEqual({ at: '1,1', text: '2026-03-03', focused: true });
    // Esc lets the selection go; leaving and coming back by the keyboard returns to where it was.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    expect(await active()).toMatchObject({ focused: false });
    await page.keyboard.press('Tab');
    await expect.poll(active).toEqual({ at: '1,1', text: '2026-03-03', focused: true });
    await shootLooks(page, 'narrow-grid-tab-focus');
    await page.keyboard.press('Escape');
  });

  it('names the cell the arrows reached as the grid’s active descendant', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const viewport = grid().locator('[data-testid="grid-viewport"]');
    await grid().locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]').click();
    const active = () =>
      viewport.evaluate((v) => {
        const el = document.getElementById(v.getAttribute('aria-activedescendant') ?? '');
        return (
          el && {
            role: el.getAttribute('role'),
            at: `${el.dataset.row},${el.dataset.col}`,
            text: el.textContent,
            focused: document.activeElement === v,
          }
        );
      });
    expect(await active()).toEqual({ role: 'gridcell', at: '0,0', text: '1', focused: true });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await active()).toEqual({ role: 'gridcell', at: '1,2', text: 'north', focused: true });
    await page.keyboard.press(`${MOD}+End`);
    await expect.poll(active).toMatchObject({ at: '39,7', text: 'paid', focused: true });
  });
});
