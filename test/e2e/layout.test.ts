/**
 * Silt in a small window (1024×700), light and dark, as a user on a laptop sees it: the toolbar folds
 * into File / Run menus, the catalog and its Preview fit the panel, and charts follow the theme. A real
 * Delta Sharing server on loopback and Debian's Chromium.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../kernel/sharing/server';
import { cells, openApp, SHOTS, typeInCell } from '../helpers/app';
import { launchChromium } from '../helpers/browser';
import { SHARED } from '../helpers/shared';
import { startHost, type RunningHost } from '../helpers/startHost';

const DELTA = `${SHARED}/data/delta`;
const LONG_TABLE = 'orders_by_region_and_product_category_with_returns_2024';

let sharing: RunningSharingServer;
let host: RunningHost;
let browser: Browser;
let page: Page;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-layout-'));
  sharing = await startSharingServer({
    shares: [
      {
        name: 'lab',
        schemas: [
          {
            name: 'default',
            tables: [
              { name: 'cdf_table', location: join(DELTA, 'cdf-table') },
              // A name far wider than the panel: it must end in an ellipsis, with the full name as a title.
              { name: LONG_TABLE, location: join(DELTA, 'simple_table') },
            ],
          },
        ],
      },
    ],
  });
  const profilePath = join(dir, 'lab.share');
  writeProfile(profilePath, sharing.url, sharing.token);
  host = await startHost(['--profile', profilePath]);
  browser = await launchChromium();
  page = await openApp(browser, host);
  page.setDefaultTimeout(15_000);
  await page.setViewportSize({ width: 1024, height: 700 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await sharing?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const panel = () => page.locator('[data-testid="catalog-panel"]');
const table = (name: string) => panel().locator(`[data-testid="catalog-table"][data-name="${name}"]`);
const theme = () => page.evaluate(() => document.documentElement.dataset.theme);

async function setTheme(want: 'light' | 'dark'): Promise<void> {
  if ((await theme()) !== want) await page.click('[data-testid="theme-toggle"]');
  expect(await theme()).toBe(want);
}

/** How far the page and the toolbar's last control reach to the right, against the window's width. */
const overflow = () =>
  page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    toggle: Math.ceil(document.querySelector('[data-testid="theme-toggle"]')!.getBoundingClientRect().right),
    window: innerWidth,
  }));

const svgOfImg = async (img: Locator) =>
  decodeURIComponent((await img.getAttribute('src'))!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));

/** The colour the user sees at a chart's top-left corner, read from the image as the page drew it. */
const cornerColour = (img: Locator) =>
  img.evaluate((el: HTMLImageElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = el.naturalWidth;
    canvas.height = el.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(el, 0, 0);
    const [r, g, b] = ctx.getImageData(3, 3, 1, 1).data;
    return { r, g, b };
  });
const brightness = (c: { r: number; g: number; b: number }) => (c.r + c.g + c.b) / 3;

describe('a 1024×700 window', () => {
  it('the toolbar folds into File and Run menus; with the catalog open nothing overflows, light or dark', async () => {
    await page.click('[data-testid="catalog-toggle"]');
    await expect.poll(() => table('lab.default.cdf_table').count(), { timeout: 20_000 }).toBe(1);
    for (const t of ['light', 'dark'] as const) {
      await setTheme(t);
      const file = page.locator('[data-testid="file-menu"]');
      expect(await file.getAttribute('aria-haspopup')).toBe('menu');
      expect(await page.locator('[data-testid="run-menu"]').getAttribute('aria-haspopup')).toBe('menu');
      // The inline buttons are gone, so each test id names exactly one control.
      expect(await page.locator('[data-testid="run-all"]').count()).toBe(0);
      const o = await overflow();
      expect(o.page).toBeLessThanOrEqual(o.window);
      expect(o.toggle).toBeLessThanOrEqual(o.window);
      await page.screenshot({ path: join(SHOTS, `layout-1024-${t}.png`) });
    }
  });

  it('Run ▾ opens a keyboard menu; Esc closes it, Enter on "Run all" runs the notebook', async () => {
    await setTheme('light');
    await typeInCell(page, 0, 'SELECT 6 * 7 AS answer');
    await page.keyboard.press('Escape');
    const button = page.locator('[data-testid="run-menu"]');
    await button.click();
    const menu = page.getByRole('menu', { name: 'Run' });
    await menu.waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const items = await menu.getByRole('menuitem').allTextContents();
    expect(items).toEqual(['Run all', 'Run above', 'Run below', '■ Interrupt', '↻ Restart']);
    await page.screenshot({ path: join(SHOTS, 'layout-run-menu-1024.png') });
    // Focus starts on the first item; arrows move it and wrap around.
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(await focused()).toBe('run-all');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('run-above');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('restart');
    await page.keyboard.press('Escape');
    expect(await menu.count()).toBe(0);
    expect(await focused()).toBe('run-menu');
    expect(await cells(page).count()).toBe(1);

    // Opened from the keyboard, Enter on the first item runs every cell.
    await page.keyboard.press('ArrowDown');
    await menu.waitFor();
    await page.keyboard.press('Enter');
    expect(await menu.count()).toBe(0);
    const cell = cells(page).nth(0);
    await expect.poll(() => cell.locator('[data-testid="grid-cell"]').first().textContent(), { timeout: 20_000 }).toBe('42');
  });

  it('File ▾ reaches Export…, and a click outside closes the menu', async () => {
    await page.click('[data-testid="file-menu"]');
    const menu = page.getByRole('menu', { name: 'File' });
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['New', 'Open', 'Save', 'Save as', 'Export…']);
    await page.mouse.click(700, 650);
    expect(await menu.count()).toBe(0);
    await page.click('[data-testid="file-menu"]');
    await page.click('[data-testid="export"]');
    const dialog = page.locator('[data-testid="export-dialog"]');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('the catalog’s actions wrap as whole buttons, a long name ends in an ellipsis, and Preview shows rows in the panel', async () => {
    for (const t of ['light', 'dark'] as const) {
      await setTheme(t);
      await table(`lab.default.${LONG_TABLE}`).click();
      const details = page.locator('[data-testid="catalog-details"]');
      await details.locator('[data-testid="catalog-version"]').waitFor();
      const title = details.locator('[data-testid="catalog-details-title"]');
      expect(await title.getAttribute('title')).toContain(`lab.default.${LONG_TABLE}`);
      expect(await title.evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).textOverflow === 'ellipsis')).toBe(true);
      // Each button keeps its label on one line, inside the panel.
      const buttons = await details
        .locator('.catalog-actions button')
        .evaluateAll((els) =>
          els.map((b) => ({ text: b.textContent, height: b.getBoundingClientRect().height, fits: b.scrollWidth <= b.clientWidth })),
        );
      expect(buttons.map((b) => b.text)).toEqual(expect.arrayContaining(['Preview', 'Query in new cell']));
      for (const b of buttons) {
        expect(b.fits, `${b.text} fits its button`).toBe(true);
        expect(b.height, `${b.text} is one line`).toBeLessThan(36);
      }
      const before = await cells(page).count();
      await details.locator('[data-testid="catalog-preview"]').click();
      const grid = panel().locator('[data-testid="catalog-preview-grid"]');
      // simple_table's three rows, read through the sharing server into the panel.
      await expect.poll(() => grid.locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 30_000 }).toMatch(/^3 rows/);
      expect((await grid.locator('[data-testid="grid-cell"][data-col="0"]').allTextContents()).map(Number).reduce((a, b) => a + b, 0)).toBe(
        21,
      );
      expect(await cells(page).count()).toBe(before);
      expect(await panel().evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      const o = await overflow();
      expect(o.page).toBeLessThanOrEqual(o.window);
      await page.screenshot({ path: join(SHOTS, `layout-catalog-preview-1024-${t}.png`) });
      await details.locator('[data-testid="catalog-preview-close"]').click();
    }
  });
});

describe('charts and the theme', () => {
  it('a chart is drawn dark in the dark theme, recolours when the theme switches, and long labels slant', async () => {
    await page.click('[data-testid="catalog-toggle"]');
    await page.setViewportSize({ width: 1440, height: 900 });
    await setTheme('dark');
    const products = [
      'Noise-cancelling over-ear headphones with travel case',
      'Desk lamp',
      'Ergonomic office chair (mesh back)',
      'Kettle',
      'Cast-iron skillet 28 cm',
      'Standing desk converter',
      'USB-C docking station, dual 4K display',
      'Yoga mat',
      'Robot vacuum',
      'Mechanical keyboard, hot-swappable switches',
    ];
    const values = products.map((p, i) => `('${p}', ${100 + i * 37})`).join(', ');
    await typeInCell(page, 0, `SELECT * FROM (VALUES ${values}) t(product, revenue)`);
    await cells(page).nth(0).locator('[data-testid="cell-name"]').fill('sales');
    await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
    const source = cells(page).nth(0);
    await expect.poll(() => source.locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 20_000 }).toMatch(/10 rows/);
    await source.locator('[data-testid="result-action-chart"]').click();
    const builder = page.locator('[data-testid="chart-builder"]');
    await builder.locator('[data-testid="chart-mark-bar"]').click();
    await builder.locator('[data-testid="chart-x"]').selectOption('product');
    await builder.locator('[data-testid="chart-y"]').selectOption('revenue');
    const preview = builder.locator('[data-testid="chart-preview"]');
    await expect
      .poll(async () => ((await preview.count()) ? (await svgOfImg(preview)).includes('rotate(-45)') : false), { timeout: 15_000 })
      .toBe(true);
    await expect.poll(() => builder.locator('[data-testid="dialog-ok"]').isDisabled(), { timeout: 15_000 }).toBe(false);
    await builder.locator('[data-testid="dialog-ok"]').click();

    const chartCell = cells(page).nth(1);
    const img = chartCell.locator('[data-testid="output"] img.rich-image');
    await img.waitFor({ timeout: 30_000 });
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    const dark = await cornerColour(img);
    expect(brightness(dark), `dark chart corner ${JSON.stringify(dark)}`).toBeLessThan(60);
    const svg = await svgOfImg(img);
    // The labels slant, and the longest carry their full text as a tooltip.
    expect(svg).toContain('rotate(-45)');
    expect(svg).toContain('<title>Noise-cancelling over-ear headphones with travel case</title>');
    await chartCell.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'layout-chart-dark-1440.png') });

    // The same output, without running anything again, turns light with the theme.
    await setTheme('light');
    await expect.poll(async () => brightness(await cornerColour(img))).toBeGreaterThan(200);
    await page.screenshot({ path: join(SHOTS, 'layout-chart-light-1440.png') });
    await setTheme('dark');
    await expect.poll(async () => brightness(await cornerColour(img))).toBeLessThan(60);
    await page.setViewportSize({ width: 1024, height: 700 });
    await chartCell.locator('[data-testid="output"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'layout-chart-dark-1024.png') });
  });

  it('exporting a chart keeps the theme chosen in the dialog', async () => {
    const chartCell = cells(page).nth(1);
    const save = async (want: 'dark' | 'light', file: string) => {
      await chartCell.locator('[data-testid="svg-export-svg"]').click();
      const dialog = page.locator('[data-testid="export-chart-dialog"]');
      await dialog.waitFor();
      // The dialog starts on the theme the chart is shown in.
      expect(await dialog.locator('[data-testid="export-chart-theme"]').inputValue()).toBe('dark');
      await dialog.locator('[data-testid="export-chart-theme"]').selectOption(want);
      const path = join(host.workspace, file);
      await dialog.locator('[data-testid="export-chart-path"]').fill(path);
      await dialog.locator('[data-testid="dialog-ok"]').click();
      await expect.poll(() => chartCell.locator('[data-testid="svg-export-saved"]').textContent(), { timeout: 15_000 }).toContain(path);
      return readFileSync(path, 'utf8');
    };
    expect(await save('dark', 'chart-dark.svg')).toMatch(/^<svg[^>]*><style>[^<]*<\/style><rect [^>]*fill="#1e2227"/);
    expect(await save('light', 'chart-light.svg')).toMatch(/^<svg[^>]*><style>[^<]*<\/style><rect [^>]*fill="#ffffff"/);
  });
});
