/**
 * TypeScript help in the editor, in Debian's Chromium: a wrong-typed line gets a red squiggle with
 * the compiler's message on hover, `df.` offers the DataFrame's methods with their types, and running
 * the cell still shows its value under the type error.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, SHOTS, startApp, toCommandMode, typeInCell, type RunningApp } from '../helpers/app';

let app: RunningApp;
let page: Page;

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

/** Screenshots at both sizes, light then dark; the page must not scroll sideways at either. */
async function shoot(name: string, keepOpen: () => Promise<void>): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    if ((await page.evaluate(() => document.documentElement.dataset.theme ?? 'light')) !== theme) {
      await page.locator('[data-testid="theme-toggle"]').click();
    }
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await keepOpen();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      await page.screenshot({ path: join(SHOTS, `ts-${name}-${size.width}-${theme}.png`) });
    }
  }
}

beforeAll(async () => {
  app = await startApp();
  page = app.page;
  const cell = cells(page).nth(0);
  if ((await cell.getAttribute('data-language')) !== 'typescript') await cell.locator('[data-testid="language-toggle"]').click();
  expect(await cell.getAttribute('data-language')).toBe('typescript');
});

afterAll(() => app?.close());

describe('TypeScript cells in the editor', () => {
  it('underlines a wrong-typed value and shows the compiler message on hover', async () => {
    await typeInCell(page, 0, 'const total: number = "abc";');
    const squiggle = cells(page).nth(0).locator('.cm-lintRange-error');
    await expect.poll(() => squiggle.count(), { timeout: 30_000 }).toBe(1);
    expect(await squiggle.textContent()).toBe('total');
    const hover = async () => {
      await page.mouse.move(0, 0);
      await squiggle.hover();
      await page.locator('.cm-tooltip-lint').waitFor({ timeout: 10_000 });
    };
    await hover();
    expect(await page.locator('.cm-tooltip-lint').textContent()).toContain(`Type 'string' is not assignable to type 'number'. (TS2322)`);
    await shoot('squiggle', hover);
  });

  it('the squiggle goes once the line is right', async () => {
    await typeInCell(page, 0, 'const total: number = 42;');
    await expect.poll(() => cells(page).nth(0).locator('.cm-lintRange-error').count(), { timeout: 15_000 }).toBe(0);
  });

  it('completes DataFrame members with their kind and type, and accepts one', async () => {
    await page.setViewportSize(SIZES[0]);
    await typeInCell(page, 0, 'const df = new dfd.DataFrame([{ city: "Lyon", n: 2 }, { city: "Nice", n: 3 }]);\n');
    await page.keyboard.type('df.');
    const list = page.locator('.cm-tooltip-autocomplete');
    await list.waitFor({ timeout: 15_000 });
    const labels = await list.locator('.cm-completionLabel').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['head', 'groupby', 'describe']));
    // The pictures first, in each size and theme, with the list shown as it was just asserted.
    await page.screenshot({ path: join(SHOTS, 'ts-completion-1440-light.png') });
    await page.keyboard.type('gro');
    const option = list.locator('li', { hasText: 'groupby' });
    await option.waitFor();
    expect(await option.locator('.cm-completionDetail').textContent()).toMatch(/^method \(col: .*\): Groupby$/);
    // CodeMirror ignores accept keys for 75 ms after the list changes (its interactionDelay).
    await page.waitForTimeout(200);
    await page.keyboard.press('Enter');
    const text = await cells(page).nth(0).locator('.cm-content').textContent();
    expect(text).toContain('df.groupby');
    expect(text).not.toContain('df.grogroupby');
    // The other sizes and themes: a resize or the theme toggle closes the list (the toggle re-renders the
    // editors, whose linters all ask again); Ctrl+Space reopens it, the completion going before those checks.
    await shoot('completion', async () => {
      await cells(page).nth(0).locator('.cm-content').focus();
      await page.keyboard.press('End');
      await page.keyboard.press('Control+Space');
      // Only for the pictures: the list was asserted above, and a loaded CI runner once took over 10 s here.
      await list.waitFor({ timeout: 15_000 }).catch(() => undefined);
    });
  });

  it('writes a member whose name is not an identifier in brackets', async () => {
    await typeInCell(page, 0, 'const row = { "unit price": 2, qty: 3 };\n');
    await page.keyboard.type('row.un');
    const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'unit price' });
    await option.waitFor({ timeout: 15_000 });
    await page.waitForTimeout(200); // CodeMirror's interactionDelay, as above
    await page.keyboard.press('Enter');
    expect(await cells(page).nth(0).locator('.cm-line').nth(1).textContent()).toBe('row["unit price"]');
  });

  it('offers the sharing API after `sharing.`', async () => {
    await typeInCell(page, 0, '');
    await page.keyboard.type('sharing.');
    const list = page.locator('.cm-tooltip-autocomplete');
    await list.waitFor({ timeout: 15_000 });
    expect(await list.locator('.cm-completionLabel').allTextContents()).toEqual(expect.arrayContaining(['load', 'tables', 'changes']));
    await page.keyboard.press('Escape');
  });

  it('runs a wrong-typed cell: the value shows, under the type error', async () => {
    await page.setViewportSize(SIZES[0]);
    await typeInCell(page, 0, 'const label: number = "ab";\nlabel + "c"');
    await expect.poll(() => cells(page).nth(0).locator('.cm-lintRange-error').count(), { timeout: 15_000 }).toBe(1);
    await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
    const output = cells(page).nth(0).locator('[data-testid="output"]');
    // The value streams in first; the finished run's outputs, with the warning, replace it.
    await expect.poll(() => output.textContent(), { timeout: 20_000 }).toContain('type error');
    const text = (await output.textContent()) ?? '';
    expect(text).toContain("'abc'");
    expect(text).toContain(`line 1, col 7: Type 'string' is not assignable to type 'number'. (TS2322)`);
    expect(text.indexOf('type error')).toBeLessThan(text.indexOf("'abc'"));
    await page.screenshot({ path: join(SHOTS, 'ts-run-warning-1440-dark.png') });
  });

  it('checks a cell again once a run declares what it uses: a SQL result named below clears its squiggle', async () => {
    await typeInCell(page, 0, 'late_orders.length');
    const squiggle = cells(page).nth(0).locator('.cm-lintRange-error');
    await expect.poll(() => squiggle.count(), { timeout: 15_000 }).toBe(1);
    await squiggle.hover();
    await expect
      .poll(() => page.locator('.cm-tooltip-lint').textContent(), { timeout: 10_000 })
      .toContain("Cannot find name 'late_orders'");
    // A SQL cell below names its result late_orders, and runs; the TypeScript cell is not touched.
    await toCommandMode(page);
    await page.keyboard.press('b');
    const sqlCell = cells(page).nth(1);
    if ((await sqlCell.getAttribute('data-language')) !== 'sql') await sqlCell.locator('[data-testid="language-toggle"]').click();
    await typeInCell(page, 1, 'SELECT 7 AS n');
    await sqlCell.locator('[data-testid="cell-name"]').fill('late_orders');
    await sqlCell.locator('[data-testid="run-cell"]').click();
    await expect.poll(() => sqlCell.locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 20_000 }).toMatch(/1 row/);
    await expect.poll(() => squiggle.count(), { timeout: 15_000 }).toBe(0);
  });
});
