/**
 * A first run as a new user does it: `silt serve --no-open` with the demo share, then the printed URL
 * pasted into a browser. It must land on the welcome notebook, not an empty Untitled one; the next
 * start lands on the notebook the user had open last.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, openApp, toolbarAction } from '../helpers/app';
import { launchChromium } from '../helpers/browser';
import { startHost, type RunningHost } from '../helpers/startHost';

let host: RunningHost;
let browser: Browser;

/** Kept across the two starts: the second one reads the first one's recent notebooks. */
const home = mkdtempSync(join(tmpdir(), 'silt-first-run-'));

beforeAll(async () => {
  host = await startHost([], { withDemo: true, home });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(home, { recursive: true, force: true });
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

  it('the next start opens the notebook the user had open last', async () => {
    const page = await openApp(browser, host);
    await toolbarAction(page, 'save-as');
    const field = page.getByRole('dialog').locator('input').first();
    await field.fill('my-analysis.ipynb');
    await field.press('Enter');
    await expect
      .poll(() => page.locator('[data-testid="notebook-title"]').textContent(), { timeout: 15_000 })
      .toContain('my-analysis.ipynb');
    await page.close();
    await host.stop();
    host = await startHost([], { withDemo: true, home });
    expect(new URL(host.url).searchParams.get('path')).toMatch(/my-analysis\.ipynb$/);
    const again = await openApp(browser, host);
    expect(await again.locator('[data-testid="notebook-title"]').textContent()).toContain('my-analysis.ipynb');
    await again.close();
  }, 120_000);
});
