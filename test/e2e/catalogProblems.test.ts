/**
 * What the catalog panel says when a share goes wrong, in Debian's Chromium against a real sharing
 * server: each failure is headed by its kind (the error code's headline, as a failed cell is), so a
 * refused token, a server out of reach and a table that is gone read apart before their messages do.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../kernel/sharing/server';
import { SHOTS, startApp, type RunningApp } from '../helpers/app';
import { SHARED } from '../helpers/shared';

const WRONG = 'wrong-token-0123456789';
let dir: string;
let sharing: RunningSharingServer;
let app: RunningApp;
let page: Page;
let closedPort: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-catalog-problems-'));
  cpSync(join(SHARED, 'data', 'delta', 'simple_table'), join(dir, 'leaving'), { recursive: true });
  sharing = await startSharingServer({
    shares: [{ name: 'lab', schemas: [{ name: 'default', tables: [{ name: 'leaving', location: join(dir, 'leaving') }] }] }],
  });
  // A port that was free a moment ago and has nothing listening: connections to it are refused.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  writeProfile(join(dir, 'lab.share'), sharing.url, sharing.token);
  app = await startApp(['--profile', join(dir, 'lab.share')]);
  page = app.page;
  page.setDefaultTimeout(15_000);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await sharing?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const panel = () => page.locator('[data-testid="catalog-panel"]');
const profileLine = (name: string) =>
  panel().locator('[role="treeitem"]', { has: page.locator(`[data-testid="catalog-profile"][data-name="${name}"]`) });

async function addProfile(json: object, name: string): Promise<void> {
  await page.click('[data-testid="catalog-add-profile"]');
  await page.locator('[data-testid="catalog-profile-input"]').fill(JSON.stringify(json));
  await page.locator('[data-testid="catalog-profile-name"]').fill(name);
  await page.click('[data-testid="dialog-ok"]');
  await expect.poll(() => page.locator('[data-testid="catalog-add-profile-dialog"]').count()).toBe(0);
}

async function shots(name: string): Promise<void> {
  for (const [width, height] of [
    [1440, 900],
    [1024, 700],
  ]) {
    await page.setViewportSize({ width, height });
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      await page.screenshot({ path: join(SHOTS, `${name}-${width}-${theme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('catalog problems', () => {
  it('a refused token and an unreachable server are headed Access refused and Server unreachable, and no token shows', async () => {
    await page.click('[data-testid="catalog-toggle"]');
    await expect.poll(() => panel().locator('[data-testid="catalog-table"]').count(), { timeout: 20_000 }).toBe(1);
    await addProfile({ shareCredentialsVersion: 1, endpoint: sharing.url, bearerToken: WRONG }, 'refused');
    await addProfile({ shareCredentialsVersion: 1, endpoint: `http://127.0.0.1:${closedPort}/delta-sharing`, bearerToken: WRONG }, 'away');

    const refused = profileLine('refused').locator('[data-testid="catalog-profile-problem"]');
    const away = profileLine('away').locator('[data-testid="catalog-profile-problem"]');
    await expect
      .poll(() => refused.locator('[data-testid="catalog-problem-kind"]').textContent(), { timeout: 20_000 })
      .toBe('Access refused');
    expect(await refused.locator('[data-testid="catalog-problem-kind"]').getAttribute('data-code')).toBe('unauthorized');
    expect(await refused.textContent()).toContain('refused the token (HTTP 401)');
    await expect.poll(() => away.locator('[data-testid="catalog-problem-kind"]').textContent()).toBe('Server unreachable');
    expect(await away.textContent()).toContain(`cannot connect to 127.0.0.1:${closedPort}`);
    // The good profile's tables are still there beside the two that failed.
    expect(await panel().locator('[data-testid="catalog-table"]').count()).toBe(1);
    expect(await page.content()).not.toContain(WRONG);
    await shots('catalog-problems');
  });

  it('an unreachable server that comes back shows its tables without ↻, and the tree says when it tries again', async () => {
    const away = profileLine('away').locator('[data-testid="catalog-profile-problem"]');
    await expect
      .poll(() => away.locator('[data-testid="catalog-retry"]').textContent(), { timeout: 20_000 })
      .toMatch(/tries again on its own at .+; ↻ tries now/);
    await shots('catalog-unreachable-retry');
    const back = await startSharingServer({
      port: closedPort,
      bearerToken: WRONG,
      shares: [{ name: 'back', schemas: [{ name: 'default', tables: [{ name: 'returned', location: join(dir, 'leaving') }] }] }],
    });
    try {
      await expect.poll(() => profileLine('away').locator('[data-testid="catalog-profile-problem"]').count(), { timeout: 60_000 }).toBe(0);
      await expect.poll(() => panel().locator('[data-testid="catalog-table"]', { hasText: 'returned' }).count()).toBe(1);
    } finally {
      await back.close();
    }
  }, 90_000);

  it('a refused profile is replaced in place: same name, its tables listed, no name_2 beside it', async () => {
    const names = () =>
      panel()
        .locator('[data-testid="catalog-profile"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    const before = await names();
    await profileLine('refused').locator('[data-testid="catalog-replace-profile"]').click();
    const dialog = page.locator('[data-testid="catalog-add-profile-dialog"]');
    expect(await dialog.locator('[data-testid="catalog-profile-name"]').inputValue()).toBe('refused');
    await dialog
      .locator('[data-testid="catalog-profile-input"]')
      .fill(JSON.stringify({ shareCredentialsVersion: 1, endpoint: sharing.url, bearerToken: sharing.token }));
    await shots('catalog-replace-dialog');
    await page.click('[data-testid="dialog-ok"]');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => profileLine('refused').locator('[data-testid="catalog-table"]').count()).toBe(1);
    expect(await profileLine('refused').locator('[data-testid="catalog-profile-problem"]').count()).toBe(0);
    expect((await names()).sort()).toEqual([...before].sort());
    expect(await page.content()).not.toContain(sharing.token);
  });

  it('a table removed after the listing is headed Not found in its details and its preview', async () => {
    rmSync(join(dir, 'leaving'), { recursive: true, force: true });
    await panel().locator('[data-testid="catalog-table"][data-name="lab.default.leaving"]').first().click();
    const details = page.locator('[data-testid="catalog-details-error"]');
    await expect.poll(() => details.locator('[data-testid="catalog-problem-kind"]').textContent()).toBe('Not found');
    await page.click('[data-testid="catalog-preview"]');
    const preview = page.locator('[data-testid="catalog-preview-error"]');
    await expect.poll(() => preview.locator('[data-testid="catalog-problem-kind"]').textContent()).toBe('Not found');
    expect(await preview.textContent()).toContain('lab.default.leaving');
    await shots('catalog-problems-gone');
  });
});
