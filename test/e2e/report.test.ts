/** Export… in the app: a run cell's table ends up in an HTML report on disk. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, MOD, openApp, SHOTS, typeInCell } from '../helpers/app';
import { launchChromium } from '../helpers/browser';
import { startHost, type RunningHost } from '../helpers/startHost';

let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  host = await startHost();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('Export…', () => {
  it('writes an HTML report holding the table a cell computed', async () => {
    const page = await openApp(browser, host);
    await typeInCell(page, 0, "SELECT 'Lyon' AS city, 4242 AS total_sales");
    await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
    // The grid groups digits for reading (4,242); the exact value is the cell's title.
    const total = cells(page).nth(0).locator('[data-testid="grid-cell"][data-row="0"][data-col="1"]');
    await expect.poll(() => total.getAttribute('title'), { timeout: 15_000 }).toBe('4242');

    await page.keyboard.press(`${MOD}+Shift+E`);
    const dialog = page.locator('[data-testid="export-dialog"]');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.locator('[data-testid="export"]').click();
    expect(await dialog.locator('[data-testid="export-path"]').inputValue()).toBe('untitled.html');
    await dialog.locator('[data-testid="export-title"]').fill('Sales by city');
    await dialog.locator('[data-testid="export-author"]').fill('Ada');
    await dialog.locator('[data-testid="export-path"]').fill('reports/sales.html');
    await dialog.locator('[data-testid="dialog-ok"]').click();
    const result = dialog.locator('[data-testid="export-result"]');
    await result.waitFor({ timeout: 15_000 });
    const written = join(host.workspace, 'reports', 'sales.html');
    expect(await result.textContent()).toContain(written);
    await page.screenshot({ path: join(SHOTS, 'report-export-dialog.png') });

    expect(existsSync(written)).toBe(true);
    const html = readFileSync(written, 'utf8');
    expect(html).toContain('<title>Sales by city</title>');
    expect(html).toMatch(/<td>Lyon<\/td><td class="num">4242<\/td>/);

    const report = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    await report.goto(pathToFileURL(written).href);
    expect(await report.locator('table td').first().textContent()).toBe('Lyon');
    await report.screenshot({ path: join(SHOTS, 'report-exported.png') });
    await report.close();
    await page.close();
  });
});
