/**
 * Find and replace across cells, the variables panel, the outline and the Save as dialog's folder
 * browser, in Debian's Chromium against the built `silt serve`; screenshots of each surface at
 * 1440×900 and 1024×700 in both themes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell, NotebookModel } from '../../kernel/protocol/notebook';
import { ipynbText } from '../../kernel/notebook/toIpynb';
import { cells, MOD, openApp, SHOTS, startApp, type RunningApp } from '../helpers/app';

let app: RunningApp;
let page: Page;

const md = (id: string, source: string): Cell => ({ id, type: 'markdown', source });
const code = (id: string, language: 'sql' | 'typescript', source: string, name?: string): Cell => ({
  id,
  type: 'code',
  language,
  source,
  outputs: [],
  executionCount: null,
  ...(name ? { name } : {}),
});

const filler = Array.from({ length: 8 }, (_, i) => code(`fill${i}`, 'sql', `SELECT ${i} AS filler_${i}`));
const NOTEBOOK: NotebookModel = {
  metadata: {},
  cells: [
    md('intro', '# Sales review\n\nWhere the amount comes from.'),
    code('q1', 'sql', 'SELECT 42 AS amount, 7 AS Amount_2'),
    md('details', '## Details\n\n```sql\n# not a heading: a comment in a fence\nSELECT amount\n```'),
    code('frame', 'typescript', 'const df = await sql`SELECT range AS id, range * 2 AS amount FROM range(5)`\nconst n = 42\ndf'),
    code('named', 'sql', "SELECT * FROM (VALUES ('north', 1), ('south', 2), ('east', 3)) t(region, amount)", 'regions'),
    code('printer', 'typescript', 'console.log("printed " + "total: " + 42)'),
    ...filler,
    md('notes', '### Notes on amounts\n\nThe end.'),
  ],
};

const sourceOf = (p: Page, id: string) => p.locator(`[data-cell-id="${id}"] .cm-content`).textContent();
/** A cell's visible text (a rendered markdown cell has no editor). */
const textOf = (p: Page, id: string) => p.locator(`[data-cell-id="${id}"]`).innerText();
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const noSidewaysScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** Screenshots at both sizes in both themes; checks nothing scrolls sideways at either size. */
async function shots(name: string): Promise<void> {
  for (const [w, h] of [
    [1440, 900],
    [1024, 700],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    for (const theme of ['light', 'dark']) {
      if ((await page.evaluate(() => document.documentElement.dataset.theme ?? 'light')) !== theme) {
        // A click in script, so a modal dialog over the toolbar stays open for its screenshot.
        await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid="theme-toggle"]')!.click());
      }
      await shot(`${name}-${w}-${theme}`);
    }
    expect(await noSidewaysScroll()).toBe(true);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

beforeAll(async () => {
  app = await startApp();
  const path = join(app.host.workspace, 'review.ipynb');
  writeFileSync(path, ipynbText(NOTEBOOK));
  mkdirSync(join(app.host.workspace, 'reports', 'q3'), { recursive: true });
  writeFileSync(join(app.host.workspace, 'reports', 'old.ipynb'), ipynbText({ metadata: {}, cells: [md('x', '# Old')] }));
  page = await openApp(app.browser, app.host, `&path=${encodeURIComponent(path)}`);
  await page.setViewportSize({ width: 1440, height: 900 });
});

afterAll(async () => {
  await app?.close();
});

describe('find and replace', () => {
  it('finds across cells, counts the matches and selects the current one in its cell', async () => {
    await cells(page).nth(1).locator('.cm-content').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press(`${MOD}+F`);
    const input = page.locator('[data-testid="find-input"]');
    await expect.poll(() => input.evaluate((e) => e === document.activeElement)).toBe(true);
    await input.fill('amount');
    // Case-insensitive by default, in code and markdown sources, never in the grid:
    // intro 1, q1 2 (amount, Amount_2), details 1, frame 1, named 1, notes 1.
    // The current match is the first one at or after the selected cell (q1).
    await expect.poll(() => page.locator('[data-testid="find-count"]').textContent()).toBe('2 of 7');
    await expect.poll(() => page.locator('[data-cell-id="q1"]').getAttribute('data-selected')).toBe('true');
    expect(await page.locator('[data-cell-id="q1"] .cm-find-current').textContent()).toBe('amount');
    expect(await page.locator('.cm-find-match').count()).toBeGreaterThanOrEqual(4);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid="find-count"]').textContent()).toBe('3 of 7');
    await expect.poll(() => page.locator('[data-cell-id="q1"] .cm-find-current').textContent()).toBe('Amount');
    // The editor's own selection is drawn on the match (the editor does not take focus from the bar).
    await expect.poll(() => page.locator('[data-cell-id="q1"] .cm-selectionBackground').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-cell-id="details"]').getAttribute('data-selected')).toBe('true');
    await expect.poll(() => page.locator('[data-cell-id="details"] .cm-find-current').textContent()).toBe('amount');
    // The markdown cell opened its editor to show the match; typing still goes to the bar.
    await expect.poll(() => input.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.press('F3');
    await page.keyboard.press('Shift+F3');
    await page.keyboard.press('Shift+F3');
    await expect.poll(() => page.locator('[data-testid="find-count"]').textContent()).toBe('2 of 7');

    await page.locator('[data-testid="find-match-case"]').click();
    await expect.poll(() => page.locator('[data-testid="find-count"]').textContent()).toMatch(/ of 6$/);
    await page.locator('[data-testid="find-scope-markdown"]').click();
    await expect.poll(() => page.locator('[data-testid="find-count"]').textContent()).toMatch(/ of 3$/);
    await shots('find-bar');
  });

  it('says when a regex is invalid, and keeps working', async () => {
    await page.locator('[data-testid="find-regex"]').click();
    await page.locator('[data-testid="find-input"]').fill('amount(');
    await expect.poll(() => page.locator('[data-testid="find-error"]').textContent()).toMatch(/Not a valid regular expression/);
    expect(await page.locator('[data-testid="find-count"]').textContent()).toBe('');
    await page.locator('[data-testid="find-input"]').fill('(\\d+) AS (amount)');
    await expect.poll(() => page.locator('[data-testid="find-count"]').textContent()).toBe('1 of 2');
    expect(await page.locator('[data-testid="find-error"]').count()).toBe(0);
  });

  it('replaces all matches in one edit, touching nothing else', async () => {
    const before = await Promise.all(NOTEBOOK.cells.map((c) => textOf(page, c.id)));
    await page.locator('[data-testid="find-toggle-replace"]').click();
    await page.locator('[data-testid="replace-input"]').fill('$1 AS total');
    await page.locator('[data-testid="replace-all"]').click();
    await expect.poll(() => sourceOf(page, 'q1')).toBe('SELECT 42 AS total, 7 AS Amount_2');
    await expect.poll(() => sourceOf(page, 'frame')).toContain('range * 2 AS total FROM');
    await expect.poll(() => page.locator('[data-testid="find-count"]').textContent()).toBe('No results');
    const after = await Promise.all(NOTEBOOK.cells.map((c) => textOf(page, c.id)));
    // Only q1 changed; the number of cells and every other source are as they were.
    expect(await cells(page).count()).toBe(NOTEBOOK.cells.length);
    after.forEach((s, i) => {
      if (!['q1', 'frame'].includes(NOTEBOOK.cells[i].id)) expect(s).toBe(before[i]);
    });
    await expect.poll(() => page.locator('[data-testid="dirty-marker"]').count()).toBe(1);

    // A plain replace of one match, then of all the rest, in code and markdown.
    await page.locator('[data-testid="find-regex"]').click();
    await page.locator('[data-testid="find-scope-markdown"]').click();
    await page.locator('[data-testid="find-input"]').fill('amount');
    // intro, details, named, notes (match case is still on)
    await expect.poll(() => page.locator('[data-testid="find-count"]').textContent()).toMatch(/ of 4$/);
    await page.locator('[data-testid="replace-input"]').fill('value');
    await page.locator('[data-testid="replace-one"]').click();
    await expect.poll(() => page.locator('[data-testid="find-count"]').textContent()).toMatch(/ of 3$/);
    await page.locator('[data-testid="replace-all"]').click();
    await expect.poll(() => sourceOf(page, 'named')).toContain('t(region, value)');
    expect(await textOf(page, 'notes')).toContain('Notes on values');
    expect(await textOf(page, 'intro')).toContain('Where the value comes from');
    await shots('replace-bar');
    // With the catalog open beside it at 1024 px, the bar wraps instead of pushing the page sideways.
    await page.locator('[data-testid="catalog-toggle"]').click();
    await page.setViewportSize({ width: 1024, height: 700 });
    await shot('replace-bar-catalog-1024');
    expect(await noSidewaysScroll()).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator('[data-testid="catalog-toggle"]').click();

    // Undo puts back every source Replace all changed, and only those.
    const replaced = await Promise.all(NOTEBOOK.cells.map((c) => textOf(page, c.id)));
    await page.locator('[data-testid="find-input"]').fill('value');
    await page.locator('[data-testid="replace-input"]').fill('VALUE');
    await page.locator('[data-testid="replace-all"]').click();
    await expect.poll(() => page.locator('[data-testid="find-replaced"]').textContent()).toMatch(/^Replaced 4 in 4 cells/);
    await expect.poll(() => sourceOf(page, 'named')).toContain('t(region, VALUE)');
    await page.locator('[data-testid="undo-replace-all"]').click();
    await expect.poll(() => sourceOf(page, 'named')).toContain('t(region, value)');
    expect(await Promise.all(NOTEBOOK.cells.map((c) => textOf(page, c.id)))).toEqual(replaced);
    expect(await cells(page).count()).toBe(NOTEBOOK.cells.length);
    // Replace all is also one step of the notebook's own undo: Z in command mode takes it back.
    await page.locator('[data-testid="replace-all"]').click();
    await expect.poll(() => sourceOf(page, 'named')).toContain('t(region, VALUE)');
    await page.locator('[data-testid="find-regex"]').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="find-bar"]').count()).toBe(0);
    expect(await page.locator('.cm-find-match').count()).toBe(0);
    await page.keyboard.press('z');
    await expect.poll(() => sourceOf(page, 'named')).toContain('t(region, value)');
    expect(await Promise.all(NOTEBOOK.cells.map((c) => textOf(page, c.id)))).toEqual(replaced);
  });

  it('is in the command palette', async () => {
    await page.keyboard.press(`${MOD}+Shift+P`);
    const palette = page.locator('[data-testid="command-palette"]');
    await palette.locator('input').fill('find and replace');
    await page.keyboard.press('Enter');
    await expect.poll(() => palette.count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="replace-input"]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="find-input"]').evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="find-bar"]').count()).toBe(0);
  });

  it('opens from inside an editor with the selected word as the query', async () => {
    const editor = page.locator('[data-cell-id="named"] .cm-content');
    await editor.dblclick({ position: { x: 12, y: 8 } });
    const word = await page.evaluate(() => window.getSelection()?.toString() ?? '');
    expect(word.length).toBeGreaterThan(0);
    await page.keyboard.press(`${MOD}+F`);
    await expect.poll(() => page.locator('[data-testid="find-input"]').inputValue()).toBe(word);
    await page.keyboard.press('Escape');
  });
});

/** Runs a cell by its button and waits until its run ends. */
async function run(id: string): Promise<void> {
  const cell = page.locator(`[data-cell-id="${id}"]`);
  await cell.locator('[data-testid="run-cell"]').click();
  await expect.poll(() => cell.locator('[data-testid="execution-count"]').textContent(), { timeout: 30_000 }).toMatch(/\[\d+\]/);
}

describe('variables panel', () => {
  it('lists a DataFrame, a number and a named SQL result with their shapes after runs, and previews a table', async () => {
    await run('frame');
    await run('named');
    await page.locator('[data-testid="side-tab-variables"]').click();
    const row = (name: string) => page.locator(`[data-testid="variable-row"][data-name="${name}"]`);
    await expect.poll(() => row('df').getAttribute('data-kind'), { timeout: 15_000 }).toBe('dataframe');
    expect(await row('df').locator('[data-testid="variable-shape"]').textContent()).toBe('5 × 2');
    expect(await row('n').getAttribute('data-kind')).toBe('number');
    expect(await row('n').locator('[data-testid="variable-shape"]').textContent()).toBe('42');
    expect(await row('regions').getAttribute('data-kind')).toBe('sql-result');
    expect(await row('regions').locator('[data-testid="variable-shape"]').textContent()).toBe('3 × 2');
    await shots('variables-panel');

    await row('regions').click();
    const dialog = page.locator('[data-testid="variable-preview"]');
    await expect.poll(() => dialog.locator('[data-testid="variable-preview-note"]').textContent()).toBe('All 3 rows.');
    expect(await dialog.textContent()).toContain('south');
    await shots('variable-preview');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('refreshes after a run', async () => {
    await page.locator('[data-cell-id="q1"] .cm-content').click();
    await page.keyboard.press('Escape');
    await page.locator('[data-cell-id="q1"] [data-testid="cell-name"]').fill('answers');
    await run('q1');
    const row = page.locator('[data-testid="variable-row"][data-name="answers"]');
    await expect.poll(() => row.locator('[data-testid="variable-shape"]').textContent(), { timeout: 15_000 }).toBe('1 × 2');
  });
});

describe('find in outputs', () => {
  it('searches printed text when asked, and never the grids', async () => {
    await run('printer');
    await page.keyboard.press('Escape');
    await page.keyboard.press(`${MOD}+F`);
    await page.locator('[data-testid="find-scope-code"]').click();
    await page.locator('[data-testid="find-scope-markdown"]').click();
    await page.locator('[data-testid="find-scope-outputs"]').click();
    for (const t of ['find-scope-code', 'find-scope-markdown', 'find-scope-outputs']) {
      expect(await page.locator(`[data-testid="${t}"]`).getAttribute('aria-pressed')).toBe(String(t === 'find-scope-outputs'));
    }
    await page.locator('[data-testid="find-input"]').fill('printed total: 42');
    await expect.poll(() => page.locator('[data-testid="find-count"]').textContent()).toBe('1 of 1');
    await expect.poll(() => page.locator('[data-cell-id="printer"]').getAttribute('data-selected')).toBe('true');
    // The match is marked in the printed text itself.
    const marked = () =>
      page.evaluate(() => {
        const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('silt-find-current');
        return h ? [...h].map((r) => r.toString()) : [];
      });
    await expect.poll(marked).toEqual(['printed total: 42']);
    await shots('find-outputs');
    // "south" is in the regions grid and in a source, neither of which is printed text.
    await page.locator('[data-testid="find-input"]').fill('south');
    await expect.poll(() => page.locator('[data-testid="find-count"]').textContent()).toBe('No results');
    await page.keyboard.press('Escape');
  });
});

describe('outline', () => {
  it("lists the headings outside code fences, and a click selects the heading's cell and scrolls it into view", async () => {
    await page.locator('[data-testid="side-tab-outline"]').click();
    const items = page.locator('[data-testid="outline-item"]');
    await expect.poll(() => items.allTextContents()).toEqual(['Sales review', 'Details', 'Notes on values']);
    await page.locator('.notebook').evaluate((e) => e.scrollTo(0, 0));
    await items.nth(2).click();
    const notes = page.locator('[data-cell-id="notes"]');
    await expect.poll(() => notes.getAttribute('data-selected')).toBe('true');
    await expect.poll(() => items.nth(2).getAttribute('aria-current')).toBe('location');
    const box = await notes.boundingBox();
    const viewport = page.viewportSize()!;
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + 20).toBeLessThan(viewport.height);
    await shots('outline-panel');
  });

  it('marks the section whose cell is running', async () => {
    const slow = page.locator('[data-cell-id="fill7"]');
    await slow.locator('[data-testid="language-toggle"]').click();
    await expect.poll(() => slow.getAttribute('data-language')).toBe('typescript');
    await slow.locator('.cm-content').click();
    await page.keyboard.press(`${MOD}+A`);
    await page.keyboard.insertText('await new Promise((r) => setTimeout(r, 3000))');
    await slow.locator('[data-testid="run-cell"]').click();
    const details = page.locator('[data-testid="outline-item"]').nth(1);
    await expect.poll(() => details.locator('[data-testid="outline-running"]').count()).toBe(1);
    expect(await page.locator('[data-testid="outline-running"]').count()).toBe(1);
    await expect.poll(() => details.locator('[data-testid="outline-running"]').count(), { timeout: 15_000 }).toBe(0);
  });
});

describe('save as', () => {
  const dialog = () => page.locator('[data-testid="save-as-dialog"]');

  it('refuses a name that leaves the workspace, browses into a subfolder and saves there', async () => {
    await page.locator('[data-testid="save-as"]').click();
    await expect.poll(() => dialog().locator('[data-testid="folder-entry"]').allTextContents()).toEqual(['▸reports']);
    await page.locator('[data-testid="save-as-input"]').fill('../escape');
    await expect.poll(() => dialog().locator('[data-testid="save-as-error"]').textContent()).toMatch(/inside the workspace/);
    expect(await page.locator('[data-testid="dialog-ok"]').isDisabled()).toBe(true);

    await dialog().locator('[data-testid="folder-entry"][data-name="reports"]').click();
    await dialog().locator('[data-testid="folder-entry"][data-name="q3"]').click();
    await expect.poll(() => dialog().locator('[data-testid="folder-crumbs"]').innerText()).toMatch(/workspace\s*\/\s*reports\s*\/\s*q3$/);
    // A new folder made from the dialog, which then browses into it.
    await dialog().locator('[data-testid="folder-new"]').click();
    await dialog().locator('[data-testid="folder-new-name"]').fill('drafts');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().locator('[data-testid="folder-crumbs"]').innerText()).toMatch(/q3\s*\/\s*drafts$/);
    expect(existsSync(join(app.host.workspace, 'reports', 'q3', 'drafts'))).toBe(true);
    await dialog().locator('[data-testid="folder-crumbs"] button', { hasText: 'q3' }).click();
    await expect.poll(() => dialog().locator('[data-testid="folder-entry"]').allTextContents()).toEqual(['▸drafts']);
    await page.locator('[data-testid="save-as-input"]').fill('final');
    await shots('save-as-dialog');
    await page.locator('[data-testid="dialog-ok"]').click();
    await expect.poll(() => dialog().count()).toBe(0);
    const saved = join(app.host.workspace, 'reports', 'q3', 'final.ipynb');
    expect(existsSync(saved)).toBe(true);
    expect(readFileSync(saved, 'utf8')).toContain('Notes on values');
    await expect.poll(() => page.locator('[data-testid="notebook-title"]').textContent()).toContain('final.ipynb');
    await expect.poll(() => page.locator('[data-testid="dirty-marker"]').count()).toBe(0);
  });

  it("starts in the notebook's folder, goes up by the breadcrumb and asks before replacing a notebook", async () => {
    await page.locator('[data-testid="save-as"]').click();
    await expect.poll(() => dialog().locator('[data-testid="file-entry"]').allTextContents()).toEqual(['◇final.ipynb']);
    await dialog().locator('[data-testid="folder-crumbs"] button', { hasText: 'reports' }).click();
    await dialog().locator('[data-testid="file-entry"][data-name="old.ipynb"]').click();
    expect(await page.locator('[data-testid="save-as-input"]').inputValue()).toBe('old.ipynb');
    await page.locator('[data-testid="dialog-ok"]').click();
    await expect.poll(() => dialog().locator('[data-testid="save-as-confirm"]').textContent()).toMatch(/old\.ipynb already exists/);
    // Not written yet: the old notebook is still there as it was.
    expect(readFileSync(join(app.host.workspace, 'reports', 'old.ipynb'), 'utf8')).toContain('# Old');
    await shots('save-as-confirm');
    expect(await page.locator('[data-testid="dialog-ok"]').textContent()).toBe('Replace');
    await page.locator('[data-testid="dialog-ok"]').click();
    await expect.poll(() => dialog().count()).toBe(0);
    expect(readFileSync(join(app.host.workspace, 'reports', 'old.ipynb'), 'utf8')).toContain('Notes on values');
  });
});
