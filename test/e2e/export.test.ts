/** Export and Publish from a result's action bar, in Chromium against the real host. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, SHOTS, startApp, typeInCell, type RunningApp } from '../helpers/app';
import type { RunningHost } from '../helpers/startHost';

let app: RunningApp;
let host: RunningHost;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  ({ host, page } = app);
  await typeInCell(page, 0, "SELECT range AS id, 'city ' || (range % 9) AS city FROM range(2500)");
  await cells(page).nth(0).locator('[data-testid="cell-name"]').fill('cities');
  await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
  await cells(page).nth(0).locator('[data-testid="result-action-export"]').waitFor({ timeout: 20_000 });
});

afterAll(() => app?.close());

describe('data for BI tools', () => {
  it('Export → CSV writes the file under the workspace with a header and every row', async () => {
    expect(await cells(page).nth(0).locator('[data-testid="grid-rowcount"]').textContent()).toMatch(/2,?500 rows/);
    await cells(page).nth(0).locator('[data-testid="result-action-export"]').click();
    const dialog = page.locator('[data-testid="export-dialog"]');
    expect(await dialog.locator('[data-testid="export-path"]').inputValue()).toBe(join(host.workspace, 'cities.csv'));
    await dialog.locator('[data-testid="export-format-parquet"]').check();
    expect(await dialog.locator('[data-testid="export-path"]').inputValue()).toBe(join(host.workspace, 'cities.parquet'));
    await dialog.locator('[data-testid="export-format-csv"]').check();
    await dialog.locator('[data-testid="dialog-ok"]').click();
    await expect
      .poll(() => dialog.locator('[data-testid="export-result"]').textContent(), { timeout: 20_000 })
      .toMatch(/Wrote 2,500 rows \(.+\) to/);
    await page.screenshot({ path: join(SHOTS, 'export-dialog.png') });
    const file = join(host.workspace, 'cities.csv');
    expect(existsSync(file)).toBe(true);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2501);
    expect(lines[0]).toBe('id,city');
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await dialog.count()).toBe(0);
  });

  it('Publish shows the shared table name, its version and the profile path to hand to a BI tool', async () => {
    await cells(page).nth(0).locator('[data-testid="result-action-publish"]').click();
    const dialog = page.locator('[data-testid="publish-dialog"]');
    expect(await dialog.locator('[data-testid="publish-name"]').inputValue()).toBe('cities');
    await dialog.locator('[data-testid="dialog-ok"]').click();
    await expect
      .poll(() => dialog.locator('[data-testid="publish-table"]').textContent(), { timeout: 20_000 })
      .toBe('silt.published.cities');
    expect(await dialog.locator('[data-testid="publish-result"]').textContent()).toContain('version 0');
    const profilePath = join(host.home, 'profiles', 'published.share');
    expect(await dialog.locator('[data-testid="publish-profile"]').textContent()).toBe(profilePath);
    await dialog.locator('[data-testid="publish-save-profile"]').click();
    await dialog.locator('[data-testid="publish-save-path"]').fill('for-tableau.share');
    await dialog.locator('[data-testid="publish-save-path"]').press('Enter');
    await expect
      .poll(() => dialog.locator('[data-testid="publish-saved"]').textContent())
      .toContain(join(host.workspace, 'for-tableau.share'));
    expect(readFileSync(join(host.workspace, 'for-tableau.share'), 'utf8')).toBe(readFileSync(profilePath, 'utf8'));
    await page.screenshot({ path: join(SHOTS, 'publish-dialog.png') });
  });
});
