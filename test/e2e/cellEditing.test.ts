/**
 * Editing a notebook's cells in Debian's Chromium against the built `silt serve`: moving (keys,
 * drag handle, cell menu), cut and paste, merge and split, each undone; the command palette; and
 * the dirty state: outputs do not make a notebook unsaved, edits do, and leaving edits asks in
 * Silt's own dialog.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, MOD as mod, openApp as openPage, SHOTS as shots, toCommandMode, toolbarAction, typeInCell } from '../helpers/app';
import { launchChromium } from '../helpers/browser';
import { startHost, type RunningHost } from '../helpers/startHost';

let host: RunningHost;
let browser: Browser;

const openApp = (query = '') => openPage(browser, host, query);

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  host = await startHost();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** Each cell's source as its editor shows it, lines joined by newlines (an empty cell's placeholder left out). */
function sources(p: Page): Promise<string[]> {
  return cells(p).evaluateAll((els) =>
    els.map((cell) =>
      [...cell.querySelectorAll('.cm-line')]
        .map((line) =>
          [...line.childNodes]
            .filter((n) => !(n instanceof Element && n.classList.contains('cm-placeholder')))
            .map((n) => n.textContent)
            .join(''),
        )
        .join('\n'),
    ),
  );
}

/** Three SQL cells, "SELECT 1 AS a" … "SELECT 3 AS c", in command mode. */
async function threeCells(p: Page): Promise<void> {
  const texts = ['SELECT 1 AS a', 'SELECT 2 AS b', 'SELECT 3 AS c'];
  for (let i = 0; i < texts.length; i++) {
    if (i > 0) {
      await toCommandMode(p);
      await p.keyboard.press('b');
    }
    await typeInCell(p, i, texts[i]);
  }
  await toCommandMode(p);
  expect(await sources(p)).toEqual(texts);
}

/** Selects a cell in command mode, as a click on its gutter does. */
async function selectCell(p: Page, index: number): Promise<void> {
  await cells(p).nth(index).locator('[data-testid="execution-count"]').click();
  await expect.poll(() => cells(p).nth(index).getAttribute('data-selected')).toBe('true');
}

async function dragHandleTo(p: Page, from: number, toBelow: number, before?: () => Promise<void>): Promise<void> {
  const handle = (await cells(p).nth(from).locator('[data-testid="drag-handle"]').boundingBox())!;
  const target = (await cells(p).nth(toBelow).boundingBox())!;
  await p.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await p.mouse.down();
  await p.mouse.move(handle.x + 40, target.y + target.height - 4, { steps: 8 });
  await before?.();
  await p.mouse.up();
}

const S = ['SELECT 1 AS a', 'SELECT 2 AS b', 'SELECT 3 AS c'];

describe('editing cells', () => {
  it('moves a cell with Ctrl+Shift+↓, the drag handle and the cell menu, and undoes each move', async () => {
    const page = await openApp();
    await threeCells(page);
    await selectCell(page, 0);
    await page.keyboard.press(`${mod}+Shift+ArrowDown`);
    expect(await sources(page)).toEqual([S[1], S[0], S[2]]);
    expect(await cells(page).nth(1).getAttribute('data-selected')).toBe('true');
    await page.keyboard.press('z');
    expect(await sources(page)).toEqual(S);

    await dragHandleTo(page, 0, 2, async () => {
      const line = page.locator('[data-testid="drop-indicator"]');
      expect(await line.count()).toBe(1);
      // The line is drawn below the last cell, where the dragged one will land.
      const last = (await cells(page).nth(2).boundingBox())!;
      const at = (await line.boundingBox())!;
      expect(at.y).toBeGreaterThan(last.y + last.height - 2);
    });
    expect(await sources(page)).toEqual([S[1], S[2], S[0]]);
    expect(await page.locator('[data-testid="drop-indicator"]').count()).toBe(0);
    await page.keyboard.press(`${mod}+z`);
    expect(await sources(page)).toEqual(S);

    await cells(page).nth(2).locator('[data-testid="cell-menu-button"]').click();
    const menu = page.getByRole('menu', { name: 'Cell actions' });
    expect(await menu.getByRole('menuitem', { name: /Move down/ }).isDisabled()).toBe(true);
    await menu.getByRole('menuitem', { name: /Move up/ }).click();
    expect(await sources(page)).toEqual([S[0], S[2], S[1]]);
    await page.keyboard.press('z');
    expect(await sources(page)).toEqual(S);
    // Redo moves it again.
    await page.keyboard.press('Shift+Z');
    expect(await sources(page)).toEqual([S[0], S[2], S[1]]);
    await page.close();
  });

  it('cuts and pastes, merges and splits, and undoes each', async () => {
    const page = await openApp();
    await threeCells(page);
    // Run the first two, so the merge's undo can be seen to bring their outputs back.
    for (const i of [0, 1]) {
      await cells(page).nth(i).locator('[data-testid="run-cell"]').click();
      await expect.poll(() => cells(page).nth(i).locator('[data-testid="grid-cell"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    }
    await selectCell(page, 0);
    await page.keyboard.press('x');
    expect(await sources(page)).toEqual([S[1], S[2]]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('v');
    expect(await sources(page)).toEqual([S[1], S[2], S[0]]);
    await page.keyboard.press('Shift+V');
    expect(await sources(page)).toEqual([S[1], S[2], S[0], S[0]]);
    const ids = await cells(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-cell-id')));
    expect(new Set(ids).size).toBe(4);
    for (const expected of [[S[1], S[2], S[0]], [S[1], S[2]], S]) {
      await page.keyboard.press('z');
      expect(await sources(page)).toEqual(expected);
    }

    await selectCell(page, 0);
    await page.keyboard.press('Shift+M');
    expect(await sources(page)).toEqual([`${S[0]}\n${S[1]}`, S[2]]);
    expect(await cells(page).nth(0).locator('[data-testid="grid"]').count()).toBe(0);
    await page.keyboard.press('z');
    expect(await sources(page)).toEqual(S);
    for (const i of [0, 1]) expect(await cells(page).nth(i).locator('[data-testid="grid-cell"]').first().textContent()).toBe(String(i + 1));

    // Merge again, then split at the start of the second line with the editor's cursor.
    await page.keyboard.press('Shift+M');
    await cells(page).nth(0).locator('.cm-line').nth(1).click();
    await page.keyboard.press('Home');
    await page.keyboard.press(`${mod}+Shift+Minus`);
    expect(await sources(page)).toEqual(S);
    expect(await cells(page).nth(1).getAttribute('data-mode')).toBe('edit');
    await page.keyboard.press('Escape');
    await page.keyboard.press('z');
    expect(await sources(page)).toEqual([`${S[0]}\n${S[1]}`, S[2]]);
    await page.keyboard.press('z');
    expect(await sources(page)).toEqual(S);
    await page.close();
  });

  it('runs "Restart the session" from the command palette', async () => {
    const page = await openApp();
    await typeInCell(page, 0, 'SELECT 1 AS one');
    const count = cells(page).nth(0).locator('[data-testid="execution-count"]');
    for (const n of ['1', '2']) {
      await page.keyboard.press(`${mod}+Enter`);
      await expect.poll(() => count.textContent(), { timeout: 15_000 }).toBe(`[${n}]`);
    }
    await page.keyboard.press('Escape');
    await page.keyboard.press(`${mod}+Shift+P`);
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox').fill('restart');
    const options = palette.getByRole('option');
    expect(await options.first().textContent()).toContain('Restart the session');
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await palette.count()).toBe(0);
    // A restarted session counts runs from 1 again. Wait for the restart to begin, then to end, so the
    // run below cannot reach the old session.
    const status = page.locator('[data-testid="session-status"]');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).not.toBe('idle');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('idle');
    await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toBe('[1]');

    // The help (H) lists the same commands and keys as the palette.
    await page.keyboard.press('Escape');
    await page.keyboard.press('h');
    const help = page.locator('[data-testid="shortcuts-help"]');
    expect(await help.locator('[data-command="cell.merge"]').textContent()).toContain('Shift+M');
    expect(await help.locator('[data-command="cell.insertBelow"]').textContent()).toContain('B');
    await page.keyboard.press('Escape');
    await page.keyboard.press(`${mod}+Shift+P`);
    await palette.getByRole('combobox').fill('insert below');
    expect(await palette.locator('[data-command="cell.insertBelow"] kbd').textContent()).toBe('B');
    // Merge needs a cell below: with one cell, the palette does not offer it.
    await palette.getByRole('combobox').fill('merge');
    expect(await palette.locator('[data-command="cell.merge"]').count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(await palette.count()).toBe(0);
    await page.close();
  });

  it('keeps a run notebook clean and saves its outputs; edits make it dirty; New asks Save / Don’t save / Cancel', async () => {
    const page = await openApp();
    const marker = page.locator('[data-testid="dirty-marker"]');
    await typeInCell(page, 0, 'SELECT 42 AS answer');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="save-as"]').click();
    await page.locator('[data-testid="save-as-input"]').fill('clean.ipynb');
    await page.locator('[data-testid="dialog-ok"]').click();
    await expect.poll(() => marker.count()).toBe(0);

    await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
    await expect.poll(() => cells(page).nth(0).locator('[data-testid="grid-cell"]').first().textContent(), { timeout: 15_000 }).toBe('42');
    // The run has ended (its output is shown) and wrote its outputs: still nothing unsaved.
    expect(await marker.count()).toBe(0);
    expect(await page.title()).not.toContain('•');
    // Ctrl+S still writes the outputs into the file.
    await page.keyboard.press(`${mod}+s`);
    const file = join(host.workspace, 'clean.ipynb');
    await expect.poll(() => readFileSync(file, 'utf8'), { timeout: 10_000 }).toContain('"answer"');

    // A run and never an edit: leaving asks nothing (no beforeunload either).
    let prompted = false;
    page.on('dialog', (d) => {
      prompted = true;
      void d.dismiss();
    });
    await page.locator('[data-testid="new"]').click();
    await expect.poll(() => page.locator('[data-testid="notebook-title"]').textContent()).toContain('Untitled');
    expect(await page.locator('[data-testid="unsaved-dialog"]').count()).toBe(0);
    expect(prompted).toBe(false);

    await typeInCell(page, 0, 'SELECT 7 AS edited');
    await page.keyboard.press('Escape');
    await expect.poll(() => marker.count()).toBe(1);
    await page.locator('[data-testid="new"]').click();
    const dialog = page.getByRole('dialog', { name: 'Save changes to Untitled?' });
    expect(await dialog.getByRole('button').allTextContents()).toEqual(['Cancel', 'Don’t save', 'Save']);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.count()).toBe(0);
    expect(await sources(page)).toEqual(['SELECT 7 AS edited']);
    expect(await marker.count()).toBe(1);

    await page.locator('[data-testid="new"]').click();
    await dialog.getByRole('button', { name: 'Don’t save' }).click();
    await expect.poll(() => sources(page)).toEqual(['']);
    expect(await marker.count()).toBe(0);

    // Save on an untitled notebook goes through Save as, then goes on to the new notebook.
    await typeInCell(page, 0, 'SELECT 8 AS kept');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="new"]').click();
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('[data-testid="save-as-input"]').fill('kept.ipynb');
    await page.locator('[data-testid="dialog-ok"]').click();
    await expect.poll(() => sources(page)).toEqual(['']);
    expect(readFileSync(join(host.workspace, 'kept.ipynb'), 'utf8')).toContain('SELECT 8 AS kept');
    expect(prompted).toBe(false);

    // Undoing back to what was saved leaves nothing unsaved; redoing the edit is unsaved again.
    await toCommandMode(page);
    await page.keyboard.press('b');
    await expect.poll(() => cells(page).count()).toBe(2);
    await expect.poll(() => marker.count()).toBe(1);
    await page.keyboard.press('z');
    await expect.poll(() => cells(page).count()).toBe(1);
    await expect.poll(() => marker.count()).toBe(0);
    await page.keyboard.press(`${mod}+Shift+z`);
    await expect.poll(() => cells(page).count()).toBe(2);
    await expect.poll(() => marker.count()).toBe(1);
    await page.keyboard.press('z');
    await expect.poll(() => marker.count()).toBe(0);

    // Closing the tab asks (beforeunload) only while there are edits.
    const asksOnClose = () =>
      page.evaluate(() => {
        const e = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(e);
        return e.defaultPrevented;
      });
    expect(await asksOnClose()).toBe(false);
    await typeInCell(page, 0, 'SELECT 9 AS unsaved');
    await page.keyboard.press('Escape');
    await expect.poll(() => marker.count()).toBe(1);
    expect(await asksOnClose()).toBe(true);
    await page.close();
  });

  it('looks right: palette, cell menu, drag indicator and unsaved dialog at two sizes in both themes', async () => {
    const page = await openApp();
    await threeCells(page);
    await page.keyboard.press('Escape');
    for (const [w, h] of [
      [1440, 900],
      [1024, 700],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      for (const theme of ['light', 'dark']) {
        if ((await page.evaluate(() => document.documentElement.dataset.theme ?? 'light')) !== theme) {
          await page.locator('[data-testid="theme-toggle"]').click();
        }
        const shot = (what: string) => page.screenshot({ path: join(shots, `cells-${what}-${w}x${h}-${theme}.png`) });
        const noSideScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

        await page.keyboard.press(`${mod}+Shift+P`);
        await page.getByRole('combobox').fill('cell');
        await shot('palette');
        expect(await noSideScroll()).toBe(true);
        await page.keyboard.press('Escape');

        await cells(page).nth(1).locator('[data-testid="cell-menu-button"]').click();
        await page.getByRole('menu').waitFor();
        await shot('menu');
        expect(await noSideScroll()).toBe(true);
        await page.keyboard.press('Escape');
        expect(await page.getByRole('menu').count()).toBe(0);

        await page.keyboard.press('h');
        await page.locator('[data-testid="shortcuts-help"]').waitFor();
        await shot('help');
        expect(await noSideScroll()).toBe(true);
        await page.keyboard.press('Escape');

        const before = await sources(page);
        await dragHandleTo(page, 0, 1, async () => {
          await page.locator('[data-testid="drop-indicator"]').waitFor();
          await shot('drag');
        });
        expect(await sources(page)).toEqual([before[1], before[0], before[2]]);
        // The menu closed by Esc leaves focus on its button, where notebook keys still work.
        await page.keyboard.press('z');
        expect(await sources(page)).toEqual(before);

        await typeInCell(page, 2, S[2] + ' ');
        await page.keyboard.press('Escape');
        await toolbarAction(page, 'new');
        await page.locator('[data-testid="unsaved-dialog"]').waitFor();
        await shot('unsaved');
        expect(await noSideScroll()).toBe(true);
        await page.locator('[data-testid="dialog-cancel"]').click();
      }
    }
    expect(await sources(page)).toEqual([S[0], S[1], S[2] + ' ']);
    await page.close();
  });
});
