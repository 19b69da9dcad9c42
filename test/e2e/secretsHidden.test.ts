/**
 * A credential pasted into a cell never reaches the notebook file: Save writes [redacted] in its
 * place, the window says so in a banner, and the notebook stays marked unsaved, because the file is
 * not what the editor shows. Real `silt serve` (whose own token is a secret it knows) and Chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, toolbarAction, typeInCell, type RunningApp } from '../helpers/app';
import { shootLooks } from '../helpers/looks';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app?.close());

describe('a credential in a cell', () => {
  it('is saved as [redacted], the banner says why, and the notebook stays unsaved until the cell is cleaned', async () => {
    const { page, host } = app;
    await typeInCell(page, 0, `SELECT '${host.token}' AS pasted`);
    await page.keyboard.press('Escape');
    await toolbarAction(page, 'save-as');
    await page.locator('[data-testid="save-as-input"]').fill('pasted.ipynb');
    await page.locator('[data-testid="dialog-ok"]').click();
    const banner = page.locator('[data-testid="secrets-hidden-banner"]');
    await expect.poll(() => banner.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await banner.textContent()).toContain('saved with [redacted] in its place');
    const file = readFileSync(join(host.workspace, 'pasted.ipynb'), 'utf8');
    expect(file).not.toContain(host.token);
    expect(file).toContain("SELECT '[redacted]' AS pasted");
    expect(await page.locator('[data-testid="dirty-marker"]').count()).toBe(1);
    await shootLooks(page, 'secrets-hidden');

    // The analyst removes it and saves again: the file is what the editor shows, nothing is said.
    await typeInCell(page, 0, 'SELECT 1 AS clean');
    await page.keyboard.press('Escape');
    await page.keyboard.press(`${process.platform === 'darwin' ? 'Meta' : 'Control'}+s`);
    await expect.poll(() => page.locator('[data-testid="dirty-marker"]').count(), { timeout: 10_000 }).toBe(0);
    expect(await banner.count()).toBe(0);
    const cleaned = readFileSync(join(host.workspace, 'pasted.ipynb'), 'utf8');
    expect(cleaned).toContain('SELECT 1 AS clean');
    expect(cleaned).not.toContain('[redacted]');
  });
});
