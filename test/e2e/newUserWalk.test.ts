/**
 * A second new-user walk, in Debian's Chromium against the built `silt serve`: the find bar's two
 * "Replace" buttons are told apart, the selected cell holds the focus in command mode (so a screen
 * reader says which one it is), a copy names its rows and columns, a filter menu stays over its grid,
 * the Variables panel in a 1024 px window pushes the notebook aside instead of covering it, and a
 * SQL error quotes its line once.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, MOD, SHOTS, startApp, toCommandMode, typeInCell, type RunningApp } from '../helpers/app';

let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.host.url).origin });
});
afterAll(() => app?.close());

const SIZES = [
  [1440, 900],
  [1024, 700],
] as const;

async function setTheme(theme: 'light' | 'dark'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.dataset.theme ?? 'light')) !== theme)
    await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid="theme-toggle"]')!.click());
}

/** Screenshots at both sizes in both themes, named walk-<name>-<width>-<theme>.png. */
async function shots(name: string): Promise<void> {
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(theme);
      await page.screenshot({ path: join(SHOTS, `walk-${name}-${w}-${theme}.png`) });
    }
  }
  await setTheme('light');
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The focused element, as a screen reader would meet it: which cell it is and what it is called. */
const focused = () =>
  page.evaluate(() => {
    const a = document.activeElement;
    return {
      cell: a?.getAttribute('data-cell-id') ?? null,
      label: a?.getAttribute('aria-label') ?? null,
      inEditor: Boolean(a?.closest('.cm-editor')),
    };
  });

const selectedId = () => page.locator('[data-testid="cell"][data-selected="true"]').getAttribute('data-cell-id');

const box = (selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right };
    });

describe('the find bar', () => {
  it('names the replace toggle apart from the Replace button, and says whether replace is shown', async () => {
    await page.keyboard.press(`${MOD}+F`);
    await page.locator('[data-testid="find-bar"]').waitFor();
    const toggle = page.locator('[data-testid="find-toggle-replace"]');
    expect(await toggle.getAttribute('aria-label')).toBe('Show replace');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await page.getByRole('button', { name: 'Show replace', exact: true }).click();
    expect(await toggle.getAttribute('aria-label')).toBe('Hide replace');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // One button called "Replace", and it replaces; "Replace all" beside it.
    const replace = page.getByRole('button', { name: 'Replace', exact: true });
    expect(await replace.count()).toBe(1);
    expect(await replace.getAttribute('data-testid')).toBe('replace-one');
    expect(await page.getByRole('button', { name: 'Replace all', exact: true }).count()).toBe(1);
    await shots('find-replace');
    await page.getByRole('button', { name: 'Hide replace', exact: true }).click();
    await page.keyboard.press('Escape');
  });
});

describe('command mode', () => {
  it('puts the focus on the selected cell, named with its place and kind, through Jupyter keys and moves', async () => {
    await typeInCell(page, 0, 'SELECT 1 AS a');
    await toCommandMode(page);
    const first = await selectedId();
    expect(await focused()).toEqual({ cell: first, label: 'Cell 1, SQL, selected', inEditor: false });
    // B inserts below, twice: each new cell is selected and focused.
    await page.keyboard.press('b');
    await page.keyboard.press('b');
    expect(await cells(page).count()).toBe(3);
    const third = await selectedId();
    expect(await focused()).toEqual({ cell: third, label: 'Cell 3, SQL, selected', inEditor: false });
    // Up selects and focuses the cell above; A inserts above it.
    await page.keyboard.press('ArrowUp');
    const second = await selectedId();
    expect(await focused()).toEqual({ cell: second, label: 'Cell 2, SQL, selected', inEditor: false });
    // Moving the cell keeps the focus on it, and its label follows its new place.
    await page.keyboard.press(`${MOD}+Shift+ArrowUp`);
    expect(await focused()).toEqual({ cell: second, label: 'Cell 1, SQL, selected', inEditor: false });
    await page.keyboard.press(`${MOD}+Shift+ArrowDown`);
    await page.keyboard.press(`${MOD}+Shift+ArrowDown`);
    expect(await focused()).toEqual({ cell: second, label: 'Cell 3, SQL, selected', inEditor: false });
    // M, Y and L change the kind the label says; the cell keeps the focus.
    await page.keyboard.press('m');
    expect(await focused()).toEqual({ cell: second, label: 'Cell 3, Markdown, selected', inEditor: false });
    await page.keyboard.press('y');
    await page.keyboard.press('l');
    expect(await focused()).toEqual({ cell: second, label: 'Cell 3, TypeScript, selected', inEditor: false });
    // D D deletes it: the cell now selected (the one above, the last) takes the focus.
    await page.keyboard.press('d');
    await page.keyboard.press('d');
    expect(await cells(page).count()).toBe(2);
    expect(await focused()).toEqual({ cell: await selectedId(), label: 'Cell 2, SQL, selected', inEditor: false });
    // A inserts above; Enter edits it; Esc comes back to the cell.
    await page.keyboard.press('a');
    expect((await focused()).label).toBe('Cell 2, SQL, selected');
    await page.keyboard.press('Enter');
    expect((await focused()).inEditor).toBe(true);
    await page.keyboard.insertText('SELECT 2 AS b');
    await toCommandMode(page);
    expect(await focused()).toEqual({ cell: await selectedId(), label: 'Cell 2, SQL, selected', inEditor: false });
    expect(await cells(page).nth(1).locator('.cm-content').textContent()).toBe('SELECT 2 AS b');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toEqual({ cell: first, label: 'Cell 1, SQL, selected', inEditor: false });
    // Esc out of the cell's result-name field comes back to the cell, not to the page.
    await cells(page).nth(0).locator('[data-testid="cell-name"]').click();
    await page.keyboard.press('Escape');
    await expect.poll(focused).toEqual({ cell: first, label: 'Cell 1, SQL, selected', inEditor: false });
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toEqual({ cell: await selectedId(), label: 'Cell 2, SQL, selected', inEditor: false });
    await page.keyboard.press('ArrowUp');
  });
});

describe('a result of two rows and four columns', () => {
  const grid = () => cells(page).nth(0).locator('[data-testid="grid"]');
  const gridCell = (r: number, c: number) => grid().locator(`[data-testid="grid-cell"][data-row="${r}"][data-col="${c}"]`);

  it('says how many rows and columns a copy took, each in the singular or plural', async () => {
    await typeInCell(
      page,
      0,
      "SELECT 1 AS id, 'north' AS region, 2.5 AS amount, DATE '2026-03-02' AS day UNION ALL SELECT 2, 'south', 4, DATE '2026-03-03'",
    );
    await page.keyboard.press(`${MOD}+Enter`);
    await gridCell(1, 3).waitFor({ timeout: 20_000 });
    const status = grid().locator('[data-testid="grid-copy-status"]');
    await gridCell(0, 0).click();
    await gridCell(1, 3).click({ modifiers: ['Shift'] });
    await page.keyboard.press(`${MOD}+C`);
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Copied 2 rows × 4 columns as TSV');
    await gridCell(1, 1).click();
    await page.keyboard.press(`${MOD}+C`);
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Copied 1 row × 1 column as TSV');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('south');
  });

  it('opens the filter menu of its first column over the grid, not over the cell’s gutter', async () => {
    const menu = page.locator('[data-testid="grid-filter-menu"]');
    for (const [w, h] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      await grid().getByRole('button', { name: 'Filter id', exact: true }).click();
      await menu.waitFor();
      const [m, g, gutter] = await Promise.all([
        box('[data-testid="grid-filter-menu"]'),
        grid().evaluate((e) => e.getBoundingClientRect().left),
        cells(page)
          .nth(0)
          .locator('.cell-gutter')
          .evaluate((e) => e.getBoundingClientRect().right),
      ]);
      expect(m.left).toBeGreaterThanOrEqual(g - 0.5);
      expect(m.left).toBeGreaterThanOrEqual(gutter);
      for (const theme of ['light', 'dark'] as const) {
        await setTheme(theme);
        await page.screenshot({ path: join(SHOTS, `walk-filter-menu-${w}-${theme}.png`) });
      }
      await setTheme('light');
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached' });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe('the Variables panel in a 1024 px window', () => {
  it('pushes the notebook aside: no cell is under the open panel', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.locator('[data-testid="side-tab-variables"]').click();
    const panel = await box('[data-testid="side-panel"]');
    const notebook = await box('main.notebook');
    expect(notebook.right).toBeLessThanOrEqual(panel.left + 0.5);
    const under = await cells(page).evaluateAll(
      (cs, left) => cs.filter((c) => c.getBoundingClientRect().right > left + 0.5).map((c) => c.getAttribute('aria-label')),
      panel.left,
    );
    expect(under).toEqual([]);
    // The grid still fits its cell (it scrolls sideways inside it), and nothing scrolls the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    expect(await page.getByRole('button', { name: 'Close the panel', exact: true }).count()).toBe(1);
    await shots('variables');
    await page.getByRole('button', { name: 'Close the panel', exact: true }).click();
  });
});

describe('a SQL error on the second line', () => {
  it("quotes the line once, in DuckDB's LINE block, with no excerpt strip repeating it", async () => {
    await typeInCell(page, 0, 'SELECT 1 AS one;\nSELECT * FROM nosuchtable');
    await page.keyboard.press(`${MOD}+Enter`);
    const err = cells(page).nth(0).locator('[data-testid="error-output"]');
    await expect
      .poll(() => err.locator('.error-message').textContent(), { timeout: 20_000 })
      .toContain('LINE 2: SELECT * FROM nosuchtable');
    // The quoted line shows once on screen: the message has it, the strip below does not.
    expect(await err.evaluate((e) => (e as HTMLElement).innerText.split('SELECT * FROM nosuchtable').length - 1)).toBe(1);
    const strip = err.locator('[data-testid="error-line"]');
    expect(await strip.isVisible()).toBe(false);
    expect(await strip.getAttribute('data-line')).toBe('2');
    await shots('sql-error');
  });

  it('still shows the excerpt strip for a TypeScript error, whose message quotes no line', async () => {
    const c = cells(page).nth(0);
    await c.locator('[data-testid="language-toggle"]').click();
    expect(await c.getAttribute('data-language')).toBe('typescript');
    await typeInCell(page, 0, 'const fine = 1\nconst broken: any = null\nbroken.field');
    await page.keyboard.press(`${MOD}+Enter`);
    const strip = c.locator('[data-testid="error-line"]');
    await expect.poll(() => strip.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await strip.textContent()).toBe('line 3broken.field');
  });
});
