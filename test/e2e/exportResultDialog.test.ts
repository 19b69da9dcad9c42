/**
 * The Export-result dialog at 1024 × 700 (and 1440 × 900), light and dark, in Chromium against the
 * built `silt serve`: while it writes, its bar is a progressbar that says how many of how many rows
 * are written (to assistive technology too); once written, the path it wrote to stays on one line,
 * its folders giving way with an ellipsis, the full path in its tooltip, with a button that copies it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, startApp, typeInCell, type RunningApp } from '../helpers/app';
import { shootLooks } from '../helpers/looks';

let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.host.url).origin });
  await page.setViewportSize({ width: 1024, height: 700 });
  await typeInCell(page, 0, "SELECT range AS id, 'city ' || (range % 9) AS city FROM range(300000)");
  await cells(page).nth(0).locator('[data-testid="cell-name"]').fill('cities');
  await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
  await cells(page).nth(0).locator('[data-testid="result-action-export"]').waitFor({ timeout: 20_000 });
});

afterAll(() => app?.close());

describe('the Export-result dialog at 1024 × 700', () => {
  it('shows its progress as a progressbar, then the written path whole on one line, with a tooltip and a copy button', async () => {
    const folder = join(app.host.workspace, 'exports for the quarterly regional review', 'north and west', '2026 march');
    mkdirSync(folder, { recursive: true });
    const path = join(folder, 'cities by region and quarter.csv');
    await cells(page).nth(0).locator('[data-testid="result-action-export"]').click();
    const dialog = page.locator('[data-testid="export-dialog"]');
    await dialog.locator('[data-testid="export-path"]').fill(path);

    // Every progressbar state the dialog shows while it writes.
    await dialog.evaluate((d) => {
      const seen: string[] = [];
      (window as unknown as { __bars: string[] }).__bars = seen;
      new MutationObserver(() => {
        const bar = d.querySelector('[role="progressbar"]');
        if (!bar) return;
        const state = ['aria-valuemin', 'aria-valuemax', 'aria-valuenow', 'aria-valuetext', 'aria-label']
          .map((a) => bar.getAttribute(a))
          .join('|');
        if (seen[seen.length - 1] !== state) seen.push(state);
      }).observe(d, { subtree: true, childList: true, attributes: true });
    });
    await dialog.locator('[data-testid="dialog-ok"]').click();
    const result = dialog.locator('[data-testid="export-result"]');
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toMatch(/^Wrote 300,000 rows \(.+\) to/);
    const bars = await page.evaluate(() => (window as unknown as { __bars: string[] }).__bars);
    expect(bars.length, 'no progressbar while writing').toBeGreaterThan(0);
    expect(bars[0]).toBe('0|300000|0|0 of 300,000 rows|Rows written');
    for (const b of bars) expect(b).toMatch(/^0\|300000\|\d+\|[\d,]+ of 300,000 rows\|Rows written$/);

    const shown = dialog.locator('[data-testid="export-written-path"]');
    expect(await shown.getAttribute('title')).toBe(path);
    expect(await shown.textContent()).toBe(path);
    const look = () =>
      result.evaluate((r) => {
        const p = r.querySelector<HTMLElement>('[data-testid="export-written-path"]')!;
        const name = p.lastElementChild as HTMLElement;
        const box = r.getBoundingClientRect();
        return {
          // One line: the path is no taller than one line of its text.
          lines: Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)),
          folderCut: (p.firstElementChild as HTMLElement).scrollWidth > (p.firstElementChild as HTMLElement).clientWidth,
          nameWhole: name.scrollWidth <= name.clientWidth,
          inside: box.right <= r.closest('[role="dialog"]')!.getBoundingClientRect().right,
        };
      });
    expect(await look()).toEqual({ lines: 1, folderCut: true, nameWhole: true, inside: true });
    await expect(
      dialog
        .getByRole('button', { name: 'Copy path' })
        .click()
        .then(() => page.evaluate(() => navigator.clipboard.readText())),
    ).resolves.toBe(path);
    await shootLooks(page, 'export-result-dialog');
    expect((await look()).lines).toBe(1);
  });
});
