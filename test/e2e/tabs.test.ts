/**
 * Several notebooks in one window: each tab has its own document and its own session, hidden tabs
 * keep their state, only the shown one answers the keyboard, and closing a tab with edits asks first.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { MOD, SHOTS, startApp, type RunningApp } from '../helpers/app';

let app: RunningApp;
let page: Page;

const pane = (i: number) => page.locator('[data-testid="tab-pane"]').nth(i);
const tabs = () => page.locator('[data-testid="tab"]');
const cellsIn = (i: number) => pane(i).locator('[data-testid="cell"]');

async function runIn(i: number, cell: number, sql: string): Promise<void> {
  await cellsIn(i).nth(cell).locator('[data-testid="cell-editor"] .cm-content').click();
  await page.keyboard.press(`${MOD}+A`);
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(sql);
  await page.keyboard.press(`${MOD}+Enter`);
}

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});
afterAll(() => app?.close());

describe('tabs', () => {
  it('a new tab is a new notebook with a session of its own', async () => {
    await cellsIn(0).nth(0).locator('[data-testid="cell-name"]').fill('first_tab');
    await runIn(0, 0, "SELECT 'one' AS v");
    await expect.poll(() => cellsIn(0).nth(0).locator('[data-testid="grid-cell"]').first().textContent(), { timeout: 15_000 }).toBe('one');

    await page.locator('[data-testid="tab-new"]').click();
    expect(await tabs().count()).toBe(2);
    expect(await tabs().nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await pane(0).isHidden()).toBe(true);
    await expect.poll(() => cellsIn(1).count()).toBe(1);
    // The first tab's named result is not in this tab's session.
    await runIn(1, 0, 'SELECT * FROM first_tab');
    await expect
      .poll(() => cellsIn(1).nth(0).locator('[data-testid="error-output"]').textContent(), { timeout: 15_000 })
      .toMatch(/first_tab/);
    await page.screenshot({ path: join(SHOTS, 'tabs-two.png') });
  });

  it('keeps the hidden tab as it was, and only the shown tab answers the keyboard', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('b');
    await expect.poll(() => cellsIn(1).count()).toBe(2);
    expect(await cellsIn(0).count()).toBe(1);

    await tabs().nth(0).click();
    expect(await pane(1).isHidden()).toBe(true);
    expect(await cellsIn(0).nth(0).locator('[data-testid="grid-cell"]').first().textContent()).toBe('one');
    expect(await page.title()).toMatch(/^Untitled/);
    // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
    await tabs().nth(0).focus();
    await page.keyboard.press('ArrowRight');
    expect(await tabs().nth(1).getAttribute('aria-selected')).toBe('true');
  });

  it('closing a tab with edits asks first: Cancel keeps it, Don’t save closes it', async () => {
    // The second tab was edited (a cell added): its tab shows the dot.
    await expect.poll(() => tabs().nth(1).locator('.tab-dirty').count()).toBe(1);
    await page.locator('[data-testid="tab-close"]').nth(1).click();
    const dialog = page.locator('[data-testid="unsaved-dialog"]');
    await dialog.waitFor();
    await page.locator('[data-testid="dialog-cancel"]').click();
    expect(await tabs().count()).toBe(2);
    await page.locator('[data-testid="tab-close"]').nth(1).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /Don.t save/ }).click();
    await expect.poll(() => tabs().count()).toBe(1);
    expect(await tabs().nth(0).getAttribute('aria-selected')).toBe('true');
    expect(await cellsIn(0).nth(0).locator('[data-testid="grid-cell"]').first().textContent()).toBe('one');
  });
});
