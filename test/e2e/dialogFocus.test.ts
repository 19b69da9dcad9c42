/**
 * Closing a dialog gives the focus back to what opened it, as a keyboard user expects: Export…
 * closed (after writing the file, by its button or by Esc) left the focus on the page's body, so Tab
 * started over from the window's top and command-mode keys went nowhere. Inline toolbar and File menu,
 * and a toolbar that changed layout while the dialog was open (the window narrowed or widened): the
 * opener is gone, and the focus goes to the control that now offers the same command.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startApp, toolbarAction, type RunningApp } from '../helpers/app';

let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});
afterAll(() => app?.close());

const focused = () =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.tagName);

describe('focus after Export notebook', () => {
  it('returns to the Export… button once the file is written and the dialog closed', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await toolbarAction(page, 'export');
    const dialog = page.locator('[data-testid="export-dialog"]');
    await dialog.locator('[data-testid="export-format"]').selectOption('md');
    await dialog.locator('[data-testid="dialog-ok"]').click();
    await dialog.locator('[data-testid="export-result"]').waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(focused).toBe('export');
  });

  it('returns to the File menu when the dialog came from it and Esc closed it', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.locator('[data-testid="file-menu"]').click();
    await page.locator('[data-testid="export"]').click();
    const dialog = page.locator('[data-testid="export-dialog"]');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(focused).toBe('file-menu');
  });
});

describe('focus after a dialog whose opener the toolbar took away', () => {
  const exportDialog = () => page.locator('[data-testid="export-dialog"]');

  it('goes to the File menu when the window narrowed to 1024 px under the dialog opened from Export…', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator('[data-testid="export"]').click();
    await exportDialog().waitFor();
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.locator('[data-testid="file-menu"]').waitFor();
    expect(await page.locator('[data-testid="export"]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await exportDialog().waitFor({ state: 'detached' });
    await expect.poll(focused).toBe('file-menu');
    await page.screenshot({ path: join(SHOTS, 'dialog-focus-relayout-1024.png') });
  });

  it('goes to the inline Export… when the window widened under the dialog opened from the File menu', async () => {
    await page.locator('[data-testid="file-menu"]').click();
    await page.locator('[data-testid="export"]').click();
    await exportDialog().waitFor();
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect.poll(() => page.locator('[data-testid="file-menu"]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await exportDialog().waitFor({ state: 'detached' });
    await expect.poll(focused).toBe('export');
  });
});
