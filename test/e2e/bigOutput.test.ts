/**
 * A chatty TypeScript cell in Chromium: 50,000 printed lines show as the first and last 5,000 with a
 * marker saying what was cut, and the saved notebook stores the same, not 50,000 lines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, MOD, SHOTS, startApp, typeInCell, type RunningApp } from '../helpers/app';

let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});

afterAll(() => app?.close());

describe('big streamed output', () => {
  it('shows the head, the tail and how much was cut of 50,000 printed lines', async () => {
    const cell = cells(page).nth(0);
    await cell.locator('[data-testid="language-toggle"]').click();
    await typeInCell(page, 0, "for (let i = 0; i < 50000; i++) console.log('line ' + i)\nconsole.error('done')");
    await cell.locator('[data-testid="run-cell"]').click();
    await expect.poll(() => cell.locator('[data-testid="execution-count"]').textContent(), { timeout: 60_000 }).toBe('[1]');

    const stdout = cell.locator('[data-testid="stream-output"].stdout');
    const text = (await stdout.textContent())!;
    expect(text.startsWith('line 0\nline 1\n')).toBe(true);
    expect(text).toContain('line 4999\n');
    expect(text.endsWith('line 49998\nline 49999\n')).toBe(true);
    expect(text).not.toContain('line 25000\n');
    const marker = stdout.locator('[data-testid="stream-cut"]');
    expect(await marker.textContent()).toMatch(/^… 40,000 lines \(\d+\.\d KB\) cut …\n$/);
    await marker.scrollIntoViewIfNeeded();
    expect(await marker.isVisible()).toBe(true);
    // What came after the loop is still there, in its own output.
    expect(await cell.locator('[data-testid="stream-output"].stderr').textContent()).toBe('done\n');
    await page.screenshot({ path: join(SHOTS, 'big-output.png') });
  });

  it('saves the capped output: the file holds the head, the marker and the tail', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press(`${MOD}+S`);
    await page.locator('[data-testid="save-as-input"]').fill('chatty.ipynb');
    await page.locator('[data-testid="dialog-ok"]').click();
    await expect.poll(() => page.locator('[data-testid="dirty-marker"]').count(), { timeout: 10_000 }).toBe(0);
    const saved = JSON.parse(readFileSync(join(app.host.workspace, 'chatty.ipynb'), 'utf8'));
    const lines: string[] = saved.cells[0].outputs[0].text;
    expect(lines).toHaveLength(5_000 + 1 + 5_000);
    expect(lines[5_000]).toMatch(/^… 40,000 lines \(.*\) cut …\n$/);
    expect(lines.at(-1)).toBe('line 49999\n');
  });

  it('survives 80 MB of output (it used to close the tab): shows the ends and says 79.2 MB were cut', async () => {
    await page.keyboard.press('Escape');
    const cell = cells(page).nth(0);
    await typeInCell(page, 0, "for (let i = 0; i < 1_000_000; i++) console.log(String(i).padStart(79, '.'))");
    await cell.locator('[data-testid="run-cell"]').click();
    await expect.poll(() => cell.locator('[data-testid="execution-count"]').textContent(), { timeout: 120_000 }).toBe('[2]');
    const text = (await cell.locator('[data-testid="stream-output"]').textContent())!;
    expect(text.startsWith(`${'0'.padStart(79, '.')}\n`)).toBe(true);
    expect(text.endsWith(`${'999999'.padStart(79, '.')}\n`)).toBe(true);
    const marker = cell.locator('[data-testid="stream-cut"]');
    expect(await marker.textContent()).toBe('… 990,000 lines (79.2 MB) cut …\n');
    // The page still answers: a new cell runs.
    await typeInCell(page, 0, '6 * 7');
    await cell.locator('[data-testid="run-cell"]').click();
    await expect.poll(() => cell.locator('[data-testid="output"]').textContent(), { timeout: 15_000 }).toBe('42');
  });
});
