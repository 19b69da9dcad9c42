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
});
