/**
 * A live cell whose last run failed with a SQL error at a column: while its live re-run runs (keeping
 * its outputs), the underline at that column is the last run's, no longer known to be true. It is drawn
 * stale and says so in its title, and the error's box below is dimmed with a note saying it is from the
 * previous run; the re-run's own result then draws both afresh. Real sharing
 * server, a Delta table the test appends to, the app in Chromium.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, MOD, SHOTS, toCommandMode, typeInCell } from '../helpers/app';
import { orderRows, startLiveOrdersApp, type LiveOrdersApp } from '../helpers/liveOrdersApp';

let live: LiveOrdersApp;
let page: Page;

beforeAll(async () => {
  live = await startLiveOrdersApp('silt-stale-mark-e2e-');
  page = live.page;
}, 60_000);

afterAll(async () => {
  await live?.close();
});

describe('the error underline of a live cell during its re-run', () => {
  it('is drawn stale while the cell runs again, and fresh once the new result arrives', async () => {
    const cell = cells(page).nth(0);
    await typeInCell(page, 0, 'SELECT id, nosuch FROM lab.s.orders');
    await page.keyboard.press(`${MOD}+Enter`);
    const mark = cell.locator('[data-testid="error-mark"]');
    await expect.poll(() => mark.textContent(), { timeout: 30_000 }).toBe('nosuch');
    expect(await mark.getAttribute('data-stale')).toBe('false');
    await toCommandMode(page);
    await cell.locator('[data-testid="cell-live-toggle"]').click();
    const item = page.locator('[data-testid="live-item"][data-table="lab.s.orders"]');
    await expect.poll(() => item.locator('[data-testid="live-version"]').textContent(), { timeout: 20_000 }).toBe('v1');

    // Every state the cell shows, as the DOM changes: running or not, and how the mark is drawn.
    await cell.evaluate((el) => {
      const seen: string[] = [];
      (window as unknown as { __marks: string[] }).__marks = seen;
      const note = () => {
        const running = el.querySelector('[data-testid="run-cell"]')?.getAttribute('aria-label') === 'Running';
        const m = el.querySelector('[data-testid="error-mark"]');
        const box = el.querySelector<HTMLElement>('[data-testid="error-output"]');
        const dim = box && getComputedStyle(box.querySelector('.error-head')!).opacity;
        const note = box?.querySelector('[data-testid="error-stale-note"]')?.textContent ?? '';
        const state = `${running ? 'running' : 'idle'}:${m ? (m.getAttribute('data-stale') === 'true' ? 'stale' : 'fresh') : 'none'}:box ${dim} ${note}:${m?.getAttribute('title') ?? ''}`;
        if (seen[seen.length - 1] !== state) seen.push(state);
      };
      new MutationObserver(note).observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const count = await cell.locator('[data-testid="execution-count"]').textContent();
    await live.writer.appendFromQuery(live.conn, orderRows(100, 5));
    await expect.poll(() => cell.locator('[data-testid="execution-count"]').textContent(), { timeout: 30_000 }).not.toBe(count);
    const seen = await page.evaluate(() => (window as unknown as { __marks: string[] }).__marks);
    // While it ran, the old mark was there, drawn stale, and its title said why.
    const during = seen.filter((s) => s.startsWith('running:stale:'));
    expect(during.length, seen.join('\n')).toBeGreaterThan(0);
    expect(during[0]).toContain('From the previous run; the cell is running again. Binder Error');
    // The error's box said the same: dimmed, with its note, and never while the cell was idle.
    expect(
      during.some((s) => /:box 0\.\d+ From the previous run; the cell is running again:/.test(s)),
      seen.join('\n'),
    ).toBe(true);
    expect(
      seen.filter((s) => s.startsWith('idle:') && !s.includes(':box 1 :')),
      seen.join('\n'),
    ).toEqual([]);
    // The re-run failed the same way: its own mark, fresh again.
    await expect.poll(() => mark.getAttribute('data-stale')).toBe('false');
    expect(await mark.textContent()).toBe('nosuch');
    expect(await mark.getAttribute('title')).toMatch(/^Binder Error/);
    const box = cell.locator('[data-testid="error-output"]');
    expect(await box.getAttribute('data-stale')).toBe('false');
    expect(await box.locator('[data-testid="error-stale-note"]').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'live-stale-error-mark.png') });
  });
});
