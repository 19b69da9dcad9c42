/**
 * The looks every UI change is checked in: 1440×900 and 1024×700, light and dark. Screenshots go to
 * SHOTS; at each look nothing may scroll sideways.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SHOTS } from './app';

export const LOOK_SIZES = [
  [1440, 900],
  [1024, 700],
] as const;

/** Sets the theme by the toolbar's toggle, clicked from script so a modal dialog over the toolbar stays open. */
export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.dataset.theme ?? 'light')) !== theme)
    await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid="theme-toggle"]')!.click());
}

/** `${name}-${width}-${theme}.png` at each look, then back to light. */
export async function shootLooks(page: Page, name: string): Promise<void> {
  for (const [w, h] of LOOK_SIZES) {
    await page.setViewportSize({ width: w, height: h });
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      await page.screenshot({ path: join(SHOTS, `${name}-${w}-${theme}.png`) });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
    }
  }
  await setTheme(page, 'light');
}
