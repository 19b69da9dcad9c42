/**
 * An untitled notebook has no file to reopen, so its unsaved edits must come back some other way: a
 * reload of its tab reopens it with the edits, and a tab opened after it was closed offers it back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, openApp, SHOTS, startApp, typeInCell, type RunningApp } from '../helpers/app';

let app: RunningApp;
const source = (p: Page, i = 0) => cells(p).nth(i).locator('.cm-content').textContent();
const banner = (p: Page) => p.locator('[data-testid="recovery-banner"]');

beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

/** What the host's recovery folder holds, all copies joined. */
const kept = () =>
  readdirSync(join(app.host.home, 'recovery'))
    .map((f) => readFileSync(join(app.host.home, 'recovery', f), 'utf8'))
    .join('\n');

describe('an untitled notebook with unsaved edits', () => {
  let key: string | null = null;

  it('comes back with its edits when its tab is reloaded', async () => {
    const { page } = app;
    await typeInCell(page, 0, "SELECT 'kept after reload' AS note");
    await expect.poll(kept, { timeout: 10_000 }).toContain('kept after reload');
    key = new URL(page.url()).searchParams.get('untitled');
    expect(key).toMatch(/^untitled-/);

    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __silt?: { ready: boolean } }).__silt?.ready === true);
    expect(await source(page)).toBe("SELECT 'kept after reload' AS note");
    // Still unsaved: the dirty marker says so, and no banner asks about what is already shown.
    expect(await page.locator('[data-testid="dirty-marker"]').count()).toBe(1);
    expect(await banner(page).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('untitled')).toBe(key);
  });

  it('is offered back in a new tab once its own tab is closed, and carries on under its own key', async () => {
    await app.page.close();
    const page = await openApp(app.browser, app.host);
    await expect.poll(() => banner(page).count(), { timeout: 10_000 }).toBe(1);
    expect(await banner(page).textContent()).toMatch(
      /untitled notebook was left with unsaved edits \(1 cell, “SELECT 'kept after reload' AS note”/,
    );
    await page.screenshot({ path: join(SHOTS, 'untitled-recovery-banner.png') });
    // Offered, not imposed: the new tab shows a new notebook until the user restores.
    expect(await source(page)).not.toContain('kept after reload');

    await page.locator('[data-testid="restore-recovery"]').click();
    expect(await source(page)).toBe("SELECT 'kept after reload' AS note");
    expect(await banner(page).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('untitled')).toBe(key);
    app.page = page;
  });

  it('is not offered to another tab while it is open in one', async () => {
    // Wait for the restored notebook's session to be the one attached under its key.
    await app.page.waitForFunction(() => (window as unknown as { __silt?: { ready: boolean } }).__silt?.ready === true);
    const other = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The tab's own question and the host's answer, read off the WebSocket: the offer would come from it.
    const answer = new Promise<string>((resolve) =>
      other.on('websocket', (ws) =>
        ws.on('framereceived', ({ payload }) => {
          if (String(payload).includes('"recoveries":')) resolve(String(payload));
        }),
      ),
    );
    await other.goto(app.host.url);
    const listed = await answer;
    expect(listed).not.toContain(key!);
    await other.waitForFunction(() => (window as unknown as { __silt?: { ready: boolean } }).__silt?.ready === true);
    // One more frame after the answer for React to have drawn what it would draw.
    await other.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    expect(await banner(other).count()).toBe(0);
    await other.close();
  });
});
