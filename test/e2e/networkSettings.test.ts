/**
 * The network settings dialog (command palette, or File → Network Settings… in the desktop app): a
 * proxy with a password, what bypasses it and a CA bundle are checked by the kernel, saved in the app
 * data folder's settings.json (readable by the user alone), and the password never comes back to the page.
 * The password has its own masked field: one typed into the proxy URL moves there and shows nowhere else,
 * and the saved proxy really authenticates at Debian's tinyproxy for the sharing requests after a restart.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../kernel/sharing/server';
import { cells, MOD, SHOTS, startApp, toolbarAction, typeInCell, type RunningApp } from '../helpers/app';
import { SHARED } from '../helpers/shared';
import { startTinyproxy, type RunningProxy } from '../helpers/tinyproxy';

let app: RunningApp;
let page: Page;
let sharing: RunningSharingServer;
let proxy: RunningProxy;
let dir: string;
const PASSWORD = 'pr0xy-s3cret';
// The real proxy's password (tinyproxy's config takes letters, digits, - _ . only; escaping is unit-tested).
const PROXY_PASSWORD = 'gu4rd-ed.pw_1';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-net-e2e-'));
  sharing = await startSharingServer({
    shares: [
      {
        name: 'lab',
        schemas: [{ name: 'default', tables: [{ name: 'simple', location: join(SHARED, 'data', 'delta', 'simple_table') }] }],
      },
    ],
  });
  proxy = await startTinyproxy({ user: 'analyst', password: PROXY_PASSWORD });
  writeProfile(join(dir, 'lab.share'), sharing.url, sharing.token);
  app = await startApp(['--profile', join(dir, 'lab.share')]);
  page = app.page;
}, 60_000);
afterAll(async () => {
  await app?.close();
  await proxy?.stop();
  await sharing?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every input's value but the password field's, and the page's visible text: where a password must not be. */
async function shownText(): Promise<string> {
  return page.evaluate(() =>
    [
      document.body.innerText,
      ...[...document.querySelectorAll('input, textarea')]
        .filter((e) => e.getAttribute('data-testid') !== 'network-proxy-password')
        .map((e) => (e as HTMLInputElement).value),
    ].join('\n'),
  );
}

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
    // Pasted whole, the password leaves the URL for its own masked field at once.
    expect(await page.getByTestId('network-proxy').inputValue()).toBe('http://analyst@127.0.0.1:3128');
    expect(await page.getByTestId('network-proxy-password').inputValue()).toBe(PASSWORD);
    expect(await page.getByTestId('network-proxy-password').getAttribute('type')).toBe('password');
    await page.getByTestId('network-noProxy').fill('.corp.example.com, 10.0.0.0/8');
    await page.getByTestId('network-caFile').fill('/nowhere/company-ca.pem');
    await page.getByTestId('dialog-ok').click();
    const error = page.getByTestId('network-settings-error');
    await expect.poll(() => error.textContent()).toContain('/nowhere/company-ca.pem, but it cannot be read: there is no such file');
    expect(await error.textContent()).not.toContain(PASSWORD);
    expect(() => statSync(settingsFile())).toThrow();
    // The focus is back in the dialog (Save was disabled while saving), so keys such as Esc still reach it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('network-proxy');
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
    expect(await page.getByTestId('network-proxy').inputValue()).toBe('http://analyst@127.0.0.1:3128');
    expect(await page.getByTestId('network-proxy-password').inputValue()).toBe('****');
    expect(await page.content()).not.toContain(PASSWORD);
    // Saved again as shown: the password stays the one saved, not ****.
    await page.getByTestId('network-noProxy').fill('.corp.example.com');
    await page.getByTestId('dialog-ok').click();
    await expect.poll(() => JSON.parse(readFileSync(settingsFile(), 'utf8')).network.noProxy).toBe('.corp.example.com');
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8')).network.proxy).toBe(`http://analyst:${PASSWORD}@127.0.0.1:3128`);
    await expect.poll(() => page.getByRole('dialog', { name: 'Network settings' }).count()).toBe(0);

    // A new address with the password still ****: the saved password does not go with it, and saving says so.
    await openSettings();
    await page.getByTestId('network-proxy').fill('http://analyst@127.0.0.1:3129');
    expect(await page.getByRole('dialog', { name: 'Network settings' }).textContent()).toContain('type it again for this one');
    const before = readFileSync(settingsFile(), 'utf8');
    await page.getByTestId('dialog-ok').click();
    await expect.poll(() => page.getByTestId('network-settings-error').textContent()).toContain('type the password again');
    expect(readFileSync(settingsFile(), 'utf8')).toBe(before);
    // Typed again (a click selects the ****, so typing replaces it), it saves with the new address.
    await page.getByTestId('network-proxy-password').click();
    await page.keyboard.type('n3w-pw');
    await page.getByTestId('dialog-ok').click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Network settings' }).count()).toBe(0);
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8')).network.proxy).toBe('http://analyst:n3w-pw@127.0.0.1:3129');
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

  it('a password typed into the proxy URL shows nowhere but its masked field, and the proxy really authenticates', async () => {
    await page.locator('[data-testid="theme-toggle"]').click();
    await page.setViewportSize({ width: 1440, height: 900 });
    await openSettings();
    const url = page.getByTestId('network-proxy');
    const secret = page.getByTestId('network-proxy-password');
    await url.fill('');
    await secret.fill('');
    // Typed key by key, as a user would: no key of the password ever shows in the URL field.
    for (const key of `http://analyst:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}`) {
      await url.press(key);
      expect(await url.inputValue()).not.toMatch(/analyst:./);
    }
    expect(await url.inputValue()).toBe(`http://analyst@127.0.0.1:${proxy.port}`);
    expect(await secret.inputValue()).toBe(PROXY_PASSWORD);
    expect(await shownText()).not.toContain(PROXY_PASSWORD);
    expect(await page.content()).not.toContain(PROXY_PASSWORD);
    expect(await page.content()).not.toContain(encodeURIComponent(PROXY_PASSWORD));
    // The toggle shows it on request (and says what it does to a screen reader), then hides it again.
    const toggle = page.getByRole('button', { name: 'Show proxy password' });
    await toggle.click();
    expect(await secret.getAttribute('type')).toBe('text');
    expect(await page.getByRole('button', { name: 'Hide proxy password' }).getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: join(SHOTS, 'network-settings-password-shown.png') });
    await page.getByRole('button', { name: 'Hide proxy password' }).click();
    expect(await secret.getAttribute('type')).toBe('password');
    // Loopback requests bypass a proxy unless NO_PROXY says otherwise: name something else.
    await page.getByTestId('network-noProxy').fill('example.invalid');
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
        await page.screenshot({ path: join(SHOTS, `network-settings-password-${w}x${h}-${theme}.png`) });
      }
    }
    await page.getByTestId('dialog-ok').click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Network settings' }).count()).toBe(0);
    const saved = JSON.parse(readFileSync(settingsFile(), 'utf8')).network.proxy;
    const parsed = new URL(saved);
    expect([decodeURIComponent(parsed.username), decodeURIComponent(parsed.password), parsed.port]).toEqual([
      'analyst',
      PROXY_PASSWORD,
      String(proxy.port),
    ]);

    // A restarted session reads the settings: its sharing requests go through the proxy, which lets them in.
    await toolbarAction(page, 'restart');
    const status = page.locator('[data-testid="session-status"]');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).not.toBe('idle');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('idle');
    const before = proxy.tunnels().length;
    await typeInCell(page, 0, 'SELECT count(*) AS n FROM lab.default.simple');
    await cells(page).nth(0).locator('[data-testid="run-cell"]').click();
    await expect
      .poll(() => cells(page).nth(0).locator('[data-testid="grid-rowcount"]').textContent(), { timeout: 30_000 })
      .toMatch(/1 row/);
    expect(proxy.tunnels().slice(before)).toContain(new URL(sharing.url).host);
    expect(await cells(page).nth(0).locator('[data-testid="error-output"]').count()).toBe(0);
    expect(await shownText()).not.toContain(PROXY_PASSWORD);
  }, 90_000);
});
