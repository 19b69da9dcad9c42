/**
 * A notebook's session lives as long as a window uses it, in real Chromium against the built `silt serve`:
 * replacing the notebook or leaving the page ends the session's process, and a session left unused for
 * the idle time ends with a notice in the window; running a cell then starts a new one without a reload.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells, MOD as mod, openApp, SHOTS as shots, typeInCell } from '../helpers/app';
import { launchChromium } from '../helpers/browser';
import { startHost, type RunningHost } from '../helpers/startHost';
import { sessionPids } from '../helpers/sessionProcesses';

const IDLE_SECONDS = 4;
let host: RunningHost;
let idleHost: RunningHost;
let browser: Browser;

const firstValue = (p: Page) => cells(p).nth(0).locator('[data-testid="grid-cell"][data-row="0"][data-col="0"]').textContent();

async function runFirstCell(p: Page, sql: string): Promise<void> {
  await typeInCell(p, 0, sql);
  await p.keyboard.press(`${mod}+Enter`);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [host, idleHost, browser] = await Promise.all([
    startHost(),
    startHost(['--session-idle-minutes', String(IDLE_SECONDS / 60)]),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([host?.stop(), idleHost?.stop()]);
});

describe('session lifetime in the window', () => {
  it("New ends the replaced notebook's session process; leaving the page ends the new one", async () => {
    const page = await openApp(browser, host);
    await runFirstCell(page, 'SELECT 1 AS one');
    await expect.poll(() => firstValue(page), { timeout: 15_000 }).toBe('1');
    const before = sessionPids(host.child.pid!);
    expect(before).toHaveLength(1);

    // The typed cell is an edit: Silt asks "Save changes to Untitled?".
    await page.locator('[data-testid="new"]').click();
    await page.locator('[data-testid="unsaved-dialog"] [data-testid="dialog-secondary"]').click();
    await expect.poll(() => sessionPids(host.child.pid!).filter((p) => before.includes(p)), { timeout: 10_000 }).toEqual([]);
    await expect.poll(() => sessionPids(host.child.pid!).length, { timeout: 10_000 }).toBe(1);

    await page.goto('about:blank');
    await expect.poll(() => sessionPids(host.child.pid!), { timeout: 10_000 }).toEqual([]);
    await page.close();
  });

  it('an idle session ends with a notice; running a cell starts a new one in the same page', async () => {
    const page = await openApp(browser, idleHost);
    await page.evaluate(() => ((window as unknown as { sameWindow: boolean }).sameWindow = true));
    await runFirstCell(page, 'SELECT 2 AS two');
    await expect.poll(() => firstValue(page), { timeout: 15_000 }).toBe('2');

    const banner = page.locator('[data-testid="session-dead-banner"]');
    await expect.poll(() => banner.count(), { timeout: (IDLE_SECONDS + 6) * 1000 }).toBe(1);
    expect(await banner.textContent()).toContain(
      `This notebook's session ended after ${IDLE_SECONDS} idle seconds; its variables are gone. Run a cell to start a new one.`,
    );
    expect(await page.locator('[data-testid="session-status"]').textContent()).toBe('dead');
    await expect.poll(() => sessionPids(idleHost.child.pid!), { timeout: 5000 }).toEqual([]);
    await page.screenshot({ path: join(shots, 'session-idle-ended.png') });

    await runFirstCell(page, 'SELECT 3 AS three');
    await expect.poll(() => firstValue(page), { timeout: 15_000 }).toBe('3');
    expect(await banner.count()).toBe(0);
    expect(await page.locator('[data-testid="session-status"]').textContent()).not.toBe('dead');
    expect(await page.evaluate(() => (window as unknown as { sameWindow?: boolean }).sameWindow)).toBe(true);
    expect(sessionPids(idleHost.child.pid!)).toHaveLength(1);
    await page.close();
  });
});
