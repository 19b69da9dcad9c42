/** Driving the notebook page in end-to-end tests. */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT, type RunningHost } from './startHost';

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
