/**
 * A SQL cell over a shared table that fails in DuckDB, in Chromium: the error shows the analyst's own
 * line (the shared name as typed, quotes and all), on the cell's line number, with the caret drawn
 * exactly under the unknown column, although DuckDB ran a rewritten statement of another length.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../kernel/sharing/server';
import { cells, SHOTS, startApp, typeInCell, type RunningApp } from '../helpers/app';
import { writeRangeTable } from '../helpers/rangeTable';

let app: RunningApp;
let page: Page;
let sharing: RunningSharingServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-caret-e2e-'));
  const table = join(dir, 'events');
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  await writeRangeTable(conn, table, 2, 100);
  conn.closeSync();
  sharing = await startSharingServer({
    shares: [{ name: 'lab', schemas: [{ name: 'raw', tables: [{ name: 'events', location: table }] }] }],
  });
  writeProfile(join(dir, 'lab.share'), sharing.url, sharing.token);
  app = await startApp(['--profile', join(dir, 'lab.share')]);
  ({ page } = app);
  mkdirSync(SHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await sharing?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The shown message's last two lines, and the screen x of the caret and of `word` in the line above it. */
async function caretAndWord(p: Page, word: string) {
  return p.locator('[data-testid="error-output"] .error-message').evaluate((el, w) => {
    const node = el.firstChild as Text;
    const text = node.data;
    const caretAt = text.lastIndexOf('^');
    const lineStart = text.lastIndexOf('\n', text.lastIndexOf('\n') - 1) + 1;
    const wordAt = text.indexOf(w, lineStart);
    const x = (i: number) => {
      const r = document.createRange();
      r.setStart(node, i);
      r.setEnd(node, i + 1);
      return r.getBoundingClientRect().left;
    };
    return { lines: text.slice(lineStart).split('\n'), caretX: x(caretAt), wordX: x(wordAt) };
  }, word);
}

describe('the caret of a SQL error over a shared table', () => {
  it('sits under the unknown column of the line the analyst typed, on the cell’s line number', async () => {
    await typeInCell(page, 0, 'SELECT count(*) FROM lab.raw.events;\nSELECT * FROM "lab"."raw"."events" WHERE idd > 1');
    const cell = cells(page).nth(0);
    await cell.locator('[data-testid="run-cell"]').click();
    const err = cell.locator('[data-testid="error-output"]');
    await expect.poll(() => err.textContent(), { timeout: 30_000 }).toMatch(/Binder Error/);
    const shown = await caretAndWord(page, 'idd');
    expect(shown.lines).toEqual(['LINE 2: SELECT * FROM "lab"."raw"."events" WHERE idd > 1', `${' '.repeat(49)}^`]);
    expect(Math.abs(shown.caretX - shown.wordX)).toBeLessThan(0.5);
    expect(await cell.locator('[data-testid="error-line"] .error-line-no').textContent()).toBe('line 2');
    for (const theme of ['light', 'dark']) {
      for (const [width, height] of [
        [1440, 900],
        [1024, 700],
      ]) {
        await page.setViewportSize({ width, height });
        // The caret stays under the word at either width and theme (the message is monospaced, never wrapped).
        const again = await caretAndWord(page, 'idd');
        expect(Math.abs(again.caretX - again.wordX)).toBeLessThan(0.5);
        await cell.screenshot({ path: join(SHOTS, `sql-error-caret-${width}-${theme}.png`) });
      }
      await page.click('[data-testid="theme-toggle"]');
    }
  });
  it('underlines the unknown column’s word in the editor, titled with the error, until the cell is edited or run again', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const code = 'SELECT count(*) FROM lab.raw.events;\nSELECT id, events.idd\nFROM "lab"."raw"."events" WHERE id > 1';
    await typeInCell(page, 0, code);
    const cell = cells(page).nth(0);
    await cell.locator('[data-testid="run-cell"]').click();
    const mark = cell.locator('[data-testid="cell-editor"] [data-testid="error-mark"]');
    await expect.poll(() => mark.count(), { timeout: 30_000 }).toBe(1);
    // The mark covers exactly the qualified column DuckDB could not find, on the cell's second line.
    expect(await mark.textContent()).toBe('events.idd');
    expect(await mark.getAttribute('title')).toMatch(/^Binder Error: Table "events" does not have a column named "idd"$/);
    const line = cell.locator('.cm-line').nth(1);
    expect(await line.getAttribute('class')).toContain('cm-error-line');
    expect(await line.textContent()).toBe('SELECT id, events.idd');
    // Where the line's text from 'events.idd' to its end is drawn, whatever spans the highlighter split it into.
    const word = await line.evaluate((el, from) => {
      const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const r = document.createRange();
      let seen = 0;
      let last: Text | null = null;
      for (let n = walk.nextNode() as Text | null; n; n = walk.nextNode() as Text | null) {
        if (seen <= from && from < seen + n.length) r.setStart(n, from - seen);
        seen += n.length;
        last = n;
      }
      r.setEnd(last!, last!.length);
      const b = r.getBoundingClientRect();
      return { left: b.left, right: b.right };
    }, 'SELECT id, '.length);
    const box = (await mark.boundingBox())!;
    expect(Math.abs(box.x - word.left)).toBeLessThan(0.5);
    expect(Math.abs(box.x + box.width - word.right)).toBeLessThan(0.5);
    const underline = await mark.evaluate((el) => getComputedStyle(el).textDecorationLine);
    expect(underline).toContain('underline');
    for (const theme of ['light', 'dark']) {
      for (const [width, height] of [
        [1440, 900],
        [1024, 700],
      ]) {
        await page.setViewportSize({ width, height });
        await cell.screenshot({ path: join(SHOTS, `sql-error-mark-${width}-${theme}.png`) });
      }
      await page.click('[data-testid="theme-toggle"]');
    }
    // An edit anywhere clears the mark and the line: the text it pointed at may be gone.
    await cell.locator('.cm-line').nth(2).click();
    await page.keyboard.press('End');
    await page.keyboard.insertText(' ');
    await expect.poll(() => mark.count()).toBe(0);
    expect(await cell.locator('.cm-error-line').count()).toBe(0);
    // Run again with the same mistake: back on the same word; run the fixed cell: gone.
    await cell.locator('[data-testid="run-cell"]').click();
    await expect.poll(() => mark.textContent(), { timeout: 30_000 }).toBe('events.idd');
    await typeInCell(page, 0, code.replace('events.idd', 'events.id'));
    await cell.locator('[data-testid="run-cell"]').click();
    await expect.poll(() => cell.locator('[data-testid="error-output"]').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => cell.locator('table, [role="grid"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await mark.count()).toBe(0);
  });
  it('underlines the mistake inside a TypeScript cell’s sql template, on the cell’s own line', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const cell = cells(page).nth(0);
    if ((await cell.getAttribute('data-language')) !== 'typescript') await cell.locator('[data-testid="language-toggle"]').click();
    expect(await cell.getAttribute('data-language')).toBe('typescript');
    await typeInCell(
      page,
      0,
      'const limit = 5;\nconst rows = await sql`SELECT id,\n  events.idd FROM lab.raw.events LIMIT ${limit}`;\nrows',
    );
    await cell.locator('[data-testid="run-cell"]').click();
    const mark = cell.locator('[data-testid="cell-editor"] [data-testid="error-mark"]');
    await expect.poll(() => mark.count(), { timeout: 30_000 }).toBe(1);
    expect(await mark.textContent()).toBe('events.idd');
    expect(await cell.locator('.cm-line').nth(2).getAttribute('class')).toContain('cm-error-line');
    expect(await cell.locator('[data-testid="error-line"] .error-line-no').textContent()).toBe('line 3');
    await cell.screenshot({ path: join(SHOTS, 'sql-error-mark-typescript-1440-light.png') });
  });
});
