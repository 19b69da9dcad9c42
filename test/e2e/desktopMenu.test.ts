/**
 * The desktop menu drives the page: each item sends a command id over the preload bridge, and the
 * page runs that command. Electron's binary cannot be installed here, so the bridge is the one thing
 * stood in for (an init script with the preload's shape); the page, the host and Chromium are real.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, typeInCell } from '../helpers/app';
import { launchChromium } from '../helpers/browser';
import { startHost, type RunningHost } from '../helpers/startHost';
import type { Browser } from 'playwright-core';

let host: RunningHost;
let browser: Browser;
let page: Page;

/** The preload's bridge, as electron/preload.ts exposes it; the test plays the menu and the native dialog. */
const BRIDGE = `
  window.siltDesktop = {
    platform: 'linux',
    onMenu(cb) { window.__menu = cb; },
    openDialog: async () => window.__nextOpen ?? null,
  };
`;

const menu = (id: string) => page.evaluate((i) => (window as unknown as { __menu(id: string): void }).__menu(i), id);

beforeAll(async () => {
  host = await startHost();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(BRIDGE);
  await page.goto(host.url);
  await page.waitForFunction(() => (window as unknown as { __silt?: { ready: boolean } }).__silt?.ready === true);
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('the desktop menu', () => {
  it('Run All runs the notebook and View → Toggle Theme switches the theme', async () => {
    await typeInCell(page, 0, 'SELECT 6 * 7 AS answer');
    await page.keyboard.press('Escape');
    await menu('run.all');
    await expect.poll(() => cells(page).nth(0).locator('[data-testid="grid-cell"]').first().textContent(), { timeout: 15_000 }).toBe('42');
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const before = await theme();
    await menu('view.theme');
    expect(await theme()).not.toBe(before);
  });

  it('Save As… saves under the name given; Export… and the palette open their dialogs', async () => {
    await menu('notebook.saveAs');
    const field = page.getByRole('dialog').locator('input').first();
    await field.fill('from-menu.ipynb');
    await field.press('Enter');
    await expect.poll(() => page.locator('[data-testid="notebook-title"]').textContent()).toContain('from-menu.ipynb');
    await menu('notebook.export');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    await page.keyboard.press('Escape');
    await menu('view.palette');
    await expect.poll(() => page.getByRole('combobox').count()).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('New gives an empty notebook, and Open… opens the file the system dialog returns', async () => {
    await menu('notebook.new');
    await expect.poll(() => page.locator('[data-testid="notebook-title"]').textContent()).toContain('Untitled');
    expect(await cells(page).count()).toBe(1);
    await page.evaluate((p) => ((window as unknown as { __nextOpen: string }).__nextOpen = p), `${host.workspace}/from-menu.ipynb`);
    await menu('notebook.open');
    await expect.poll(() => page.locator('[data-testid="notebook-title"]').textContent()).toContain('from-menu.ipynb');
    expect(await cells(page).nth(0).locator('.cm-content').textContent()).toBe('SELECT 6 * 7 AS answer');
  });
});
