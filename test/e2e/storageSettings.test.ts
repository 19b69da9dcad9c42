/**
 * The Storage settings in Chromium (command palette, or the Storage tab of the settings dialog): the
 * download cache's folder, what it holds after a real shared-table read (compared with the folder on
 * disk), the limit and where it comes from; a limit it cannot read is refused by name and saves
 * nothing; a good one is saved in settings.json; Empty cache frees the files and the size drops.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../common/formatBytes';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../kernel/sharing/server';
import { cells, MOD, SHOTS, startApp, typeInCell, type RunningApp } from '../helpers/app';
import { SHARED } from '../helpers/shared';

let app: RunningApp;
let page: Page;
let sharing: RunningSharingServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-storage-e2e-'));
  sharing = await startSharingServer({
    shares: [
      {
        name: 'lab',
        schemas: [{ name: 'default', tables: [{ name: 'simple', location: join(SHARED, 'data', 'delta', 'simple_table') }] }],
      },
    ],
  });
  writeProfile(join(dir, 'lab.share'), sharing.url, sharing.token);
  app = await startApp(['--profile', join(dir, 'lab.share')]);
  page = app.page;
}, 60_000);
afterAll(async () => {
  await app?.close();
  await sharing?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const settingsFile = () => join(app.host.home, 'settings.json');
const cacheDir = () => join(app.host.home, 'cache', 'sharing');
/** The cache's complete files as the disk has them: how many, how many bytes. */
function onDisk(): { files: number; bytes: number } {
  const files = join(cacheDir(), 'files');
  const names = existsSync(files) ? readdirSync(files).filter((n) => n.endsWith('.parquet')) : [];
  return { files: names.length, bytes: names.reduce((s, n) => s + statSync(join(files, n)).size, 0) };
}
const dialog = () => page.getByRole('dialog', { name: 'Storage settings' });
const text = (id: string) => page.getByTestId(id).textContent();

async function openStorage(): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press(`${MOD}+Shift+P`);
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill('storage settings');
  await page.keyboard.press('Enter');
  await expect.poll(() => dialog().count()).toBe(1);
  await expect.poll(() => page.getByTestId('storage-used').count()).toBe(1);
  // The focus is in the limit field, ready to type.
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('storage-limit-input');
}

async function shots(name: string): Promise<void> {
  for (const [w, h] of [
    [1440, 900],
    [1024, 700],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    for (const theme of ['light', 'dark']) {
      // The toggle is behind the dialog's backdrop: a click event straight to it leaves the dialog open.
      if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) {
        await page.locator('[data-testid="theme-toggle"]').dispatchEvent('click');
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
      // Nothing in the dialog runs out of it sideways either.
      expect(await dialog().evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
      await page.screenshot({ path: join(SHOTS, `storage-settings-${name}-${w}x${h}-${theme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('the Storage settings', () => {
  it('show where the cache is, what a shared-table read put in it, and the default limit', async () => {
    await typeInCell(page, 0, 'SELECT count(*) AS n FROM lab.default.simple');
    await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
    await expect
      .poll(() => cells(page).nth(0).locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 30_000 })
      .toMatch(/1 row/);
    const disk = onDisk();
    expect(disk.files).toBeGreaterThan(0);

    await openStorage();
    expect(await text('storage-cache-dir')).toBe(cacheDir());
    expect(await text('storage-used')).toBe(`${formatBytes(disk.bytes)} in ${disk.files} file${disk.files === 1 ? '' : 's'}`);
    expect(await text('storage-limit')).toMatch(/^\d+\.\d [KMGT]B by default: half of the disk's free space plus what the cache holds/);
    expect(await page.getByRole('tab', { name: 'Storage' }).getAttribute('aria-selected')).toBe('true');
    await shots('open');
  });

  it('refuse a limit they cannot read, naming it, and save a good one in settings.json', async () => {
    await page.getByTestId('storage-limit-input').fill('20 gigs');
    await page.getByTestId('storage-set-limit').click();
    await expect.poll(() => text('storage-error')).toBe('The cache limit must be a size such as 20GB or 500MB, not "20 gigs"');
    expect(existsSync(settingsFile())).toBe(false);
    await shots('error');

    await page.getByTestId('storage-limit-input').fill('20GB');
    await page.getByTestId('storage-limit-input').press('Enter');
    await expect.poll(() => text('storage-limit')).toBe('20.0 GB, set here (20GB)');
    expect(await text('storage-done')).toBe('The limit is now 20GB.');
    expect(await page.getByTestId('storage-error').count()).toBe(0);
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8')).storage).toEqual({ cacheMax: '20GB' });
    // The dialog stays open (Enter sets the limit, not Close).
    expect(await dialog().count()).toBe(1);
  });

  it('empty the cache: the files go from the disk and the size shown drops to nothing', async () => {
    const before = onDisk();
    await page.getByTestId('storage-empty').click();
    await expect
      .poll(() => text('storage-done'))
      .toBe(`Freed ${formatBytes(before.bytes)} (${before.files} file${before.files === 1 ? '' : 's'}).`);
    expect(await text('storage-used')).toBe('0 B in 0 files');
    expect(onDisk()).toEqual({ files: 0, bytes: 0 });
    await shots('emptied');
  });

  it('sit beside the network settings as a tab, and open there again', async () => {
    await page.getByRole('tab', { name: 'Network' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Network settings' }).count()).toBe(1);
    await page.getByRole('tab', { name: 'Storage' }).click();
    await expect.poll(() => text('storage-limit')).toBe('20.0 GB, set here (20GB)');
    await page.getByTestId('dialog-cancel').click();
    await expect.poll(() => dialog().count()).toBe(0);
  });
});
