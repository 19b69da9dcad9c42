/**
 * The network settings dialog (command palette, or File → Network Settings… in the desktop app): a
 * proxy with a password, what bypasses it and a CA bundle are checked by the kernel, saved in the app
 * data folder's settings.json (readable by the user alone), and the password never comes back to the page.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOD, SHOTS, startApp, type RunningApp } from '../helpers/app';

let app: RunningApp;
let page: Page;
const PASSWORD = 'pr0xy-s3cret';

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});
afterAll(async () => {
  await app?.close();
});

async function openSettings(): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press(`${MOD}+Shift+P`);
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill('network settings');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('dialog', { name: 'Network settings' }).count()).toBe(1);
  // The fields show once the kernel's answer is in, with the focus in the first.
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('network-proxy');
}

const settingsFile = () => join(app.host.home, 'settings.json');

describe('network settings', () => {
  it('refuses a CA bundle that is not there, naming it, and saves nothing', async () => {
    await openSettings();
    await page.getByTestId('network-proxy').fill(`http://analyst:${PASSWORD}@127.0.0.1:3128`);
    await page.getByTestId('network-noProxy').fill('.corp.example.com, 10.0.0.0/8');
    await page.getByTestId('network-caFile').fill('/nowhere/company-ca.pem');
    await page.getByTestId('dialog-ok').click();
    const error = page.getByTestId('network-settings-error');
    await expect.poll(() => error.textContent()).toContain('/nowhere/company-ca.pem, but it cannot be read: there is no such file');
    expect(await error.textContent()).not.toContain(PASSWORD);
    expect(() => statSync(settingsFile())).toThrow();
  });

  it('saves the proxy for the kernel, for the user alone, and shows its password only as ****', async () => {
    await page.getByTestId('network-caFile').fill('');
    for (const [w, h] of [
      [1440, 900],
      [1024, 700],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
      await page.screenshot({ path: join(SHOTS, `network-settings-${w}.png`) });
    }
    await page.getByTestId('dialog-ok').click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Network settings' }).count()).toBe(0);
    const saved = JSON.parse(readFileSync(settingsFile(), 'utf8'));
    expect(saved.network).toEqual({ proxy: `http://analyst:${PASSWORD}@127.0.0.1:3128`, noProxy: '.corp.example.com, 10.0.0.0/8' });
    expect(statSync(settingsFile()).mode & 0o777).toBe(0o600);

    await openSettings();
    expect(await page.getByTestId('network-proxy').inputValue()).toBe('http://analyst:****@127.0.0.1:3128');
    expect(await page.content()).not.toContain(PASSWORD);
    // Saved again as shown: the password stays the one saved, not ****.
    await page.getByTestId('network-noProxy').fill('.corp.example.com');
    await page.getByTestId('dialog-ok').click();
    await expect.poll(() => JSON.parse(readFileSync(settingsFile(), 'utf8')).network.noProxy).toBe('.corp.example.com');
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8')).network.proxy).toBe(`http://analyst:${PASSWORD}@127.0.0.1:3128`);
  });

  it('reads well in the dark theme too', async () => {
    await page.locator('[data-testid="theme-toggle"]').click();
    await openSettings();
    for (const [w, h] of [
      [1440, 900],
      [1024, 700],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
      await page.screenshot({ path: join(SHOTS, `network-settings-${w}-dark.png`) });
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog', { name: 'Network settings' }).count()).toBe(0);
  });
});
