/** Driving the notebook page in end-to-end tests. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { ROOT, startHost, type RunningHost } from './startHost';

export const SHOTS = join(ROOT, 'test-results');
export const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

/** Opens the app and waits until the notebook is loaded and its session is open. */
export async function openApp(browser: Browser, host: RunningHost, query = ''): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  p.on('pageerror', (e) => console.error('page error:', e.message));
  await p.goto(host.url + query);
  await p.waitForFunction(() => (window as unknown as { __silt?: { ready: boolean } }).__silt?.ready === true, null, { timeout: 20_000 });
  return p;
}

export const cells = (p: Page) => p.locator('[data-testid="cell"]');

/** Types into a cell's editor, replacing what is there. */
export async function typeInCell(p: Page, index: number, text: string): Promise<void> {
  await cells(p).nth(index).locator('[data-testid="cell-editor"] .cm-content').click();
  await p.keyboard.press(`${MOD}+A`);
  await p.keyboard.press('Backspace');
  await p.keyboard.insertText(text);
}

/** A host, Debian's Chromium and the app open in it: an end-to-end test file's shared setup. */
export interface RunningApp {
  host: RunningHost;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function startApp(hostArgs: string[] = []): Promise<RunningApp> {
  mkdirSync(SHOTS, { recursive: true });
  const host = await startHost(hostArgs);
  const browser = await launchChromium();
  const page = await openApp(browser, host);
  return {
    host,
    browser,
    page,
    async close() {
      await browser.close();
      await host.stop();
    },
  };
}

/**
 * Clicks a toolbar command by its test id, opening the File or Run menu first in a narrow window.
 * Right after a resize the toolbar may still switch between inline buttons and menus, taking away the
 * button just found; so each step tries briefly and the whole is tried again until one click lands.
 */
export async function toolbarAction(p: Page, id: string): Promise<void> {
  const item = p.locator(`[data-testid="${id}"]`);
  const deadline = Date.now() + 15_000;
  const tryClick = (l: Locator) =>
    l.click({ timeout: 1_000 }).then(
      () => true,
      () => false,
    );
  while (Date.now() < deadline) {
    if ((await item.isVisible()) && (await tryClick(item))) return;
    for (const menu of ['file-menu', 'run-menu']) {
      const button = p.locator(`[data-testid="${menu}"]`);
      if (!(await button.isVisible()) || !(await tryClick(button))) continue;
      if ((await item.isVisible()) && (await tryClick(item))) return;
      await p.keyboard.press('Escape');
    }
    await p.waitForTimeout(100);
  }
  throw new Error(`no toolbar command ${id}, inline or in a menu`);
}

/**
 * Leaves the editor for command mode. The first Esc may only close the editor's completion list (as in
 * JupyterLab), and whether that list is open when Esc arrives depends on timing; so Esc is pressed
 * until focus has left the editor.
 */
export async function toCommandMode(p: Page): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await p.keyboard.press('Escape');
    const inEditor = await p.evaluate(() => Boolean(document.activeElement?.closest('.cm-editor')));
    if (!inEditor) return;
  }
  throw new Error('Esc did not leave the editor');
}
