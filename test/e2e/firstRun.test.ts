/**
 * A first run as a new user does it: `silt serve --no-open` with the demo share, then the printed URL
 * pasted into a browser. It must land on the welcome notebook, not an empty Untitled one.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, openApp } from '../helpers/app';
import { launchChromium } from '../helpers/browser';
import { startHost, type RunningHost } from '../helpers/startHost';

let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  host = await startHost([], { withDemo: true });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('first run', () => {
  it('the URL that silt serve --no-open prints opens the welcome notebook', async () => {
    expect(new URL(host.url).searchParams.get('path')).toMatch(/Welcome\.ipynb$/);
    const page = await openApp(browser, host);
    expect(await page.locator('[data-testid="notebook-title"]').textContent()).toContain('Welcome.ipynb');
    expect(await cells(page).count()).toBeGreaterThan(3);
    // It ends by pointing at the rest of Silt, with the button or key for each part.
    const last = cells(page).last();
    expect(await last.locator('h2').textContent()).toBe('What to try next');
    const tips = await last.locator('li').allTextContents();
    for (const part of ['Keys —', 'The catalog —', 'Live tables —', 'Charts —', 'AutoML —', 'Export and share —']) {
      expect(
        tips.some((t) => t.startsWith(part)),
        `a tip about ${part}`,
      ).toBe(true);
    }
    await page.close();
  });
});
