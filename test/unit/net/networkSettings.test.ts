/** Network settings kept in settings.json: passwords never leave the kernel, other settings survive a save. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskProxy, networkSettingsFileText, networkSettingsView, withNetworkSettings } from '../../../kernel/net/networkSettings';
import { proxyFor, proxySettingsFromEnv, proxyVariable } from '../../../kernel/net/proxySettings';

describe('network settings', () => {
  it('masks a proxy password, and only the password', () => {
    expect(maskProxy('http://ana:p%40ss@proxy.corp:3128')).toBe('http://ana:****@proxy.corp:3128');
    expect(maskProxy('https://proxy.corp:8443')).toBe('https://proxy.corp:8443');
    expect(maskProxy('ana:pw@proxy.corp:3128')).toBe('ana:****@proxy.corp:3128');
    expect(maskProxy('http://ana@proxy.corp:3128')).toBe('http://ana@proxy.corp:3128');
    // A raw @ in the password: none of it shows.
    expect(maskProxy('http://ana:p@ss@proxy.corp:3128')).toBe('http://ana:****@proxy.corp:3128');
    expect(maskProxy(undefined)).toBeUndefined();
  });

  it('shows the environment’s proxy without its password, and keeps other settings when saving', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'silt-settings-')), 'settings.json');
    writeFileSync(file, JSON.stringify({ theme: 'dark', network: { caFile: '/old.pem' } }));
    writeFileSync(file, networkSettingsFileText(file, { proxy: ' http://ana:pw@proxy.corp:3128 ', noProxy: '', caFile: '' }));
    const view = networkSettingsView(file, { HTTPS_PROXY: 'http://bob:secret@env-proxy:80', NO_PROXY: 'localhost' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ theme: 'dark', network: { proxy: 'http://ana:pw@proxy.corp:3128' } });
    expect(view.settings).toEqual({ proxy: 'http://ana:****@proxy.corp:3128' });
    expect(view.fromEnvironment).toEqual({ proxy: 'http://bob:****@env-proxy:80', noProxy: 'localhost' });
    expect(JSON.stringify(networkSettingsView(file, {}))).not.toMatch(/pw|secret/);
    // Saved again as the window shows it: the password stays the saved one.
    expect(JSON.parse(networkSettingsFileText(file, { proxy: 'http://ana:****@proxy.corp:3128' })).network.proxy).toBe(
      'http://ana:pw@proxy.corp:3128',
    );
    // The settings win over the environment, in both cases of each variable.
    const env = withNetworkSettings({ SILT_SETTINGS_FILE: file, https_proxy: 'http://dead:1', NO_PROXY: 'x' });
    expect([env.https_proxy, env.HTTPS_PROXY, env.http_proxy, env.HTTP_PROXY]).toEqual(Array(4).fill('http://ana:pw@proxy.corp:3128'));
    expect(env.NO_PROXY).toBe('x');
  });

  it('names a damaged settings file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'silt-settings-')), 'settings.json');
    writeFileSync(file, '{"network": {"proxy": ');
    expect(() => withNetworkSettings({ SILT_SETTINGS_FILE: file })).toThrow(`Silt's settings file ${file} cannot be read as JSON`);
  });

  it('makes proxy errors point at the setting, not at a variable the user never set', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'silt-settings-')), 'settings.json');
    writeFileSync(file, JSON.stringify({ network: { proxy: 'http://proxy.corp:3128' } }));
    const settings = proxySettingsFromEnv(withNetworkSettings({ SILT_SETTINGS_FILE: file, HTTPS_PROXY: 'http://env:1' }));
    const proxy = proxyFor(new URL('https://sharing.example.com/'), settings)!;
    expect(proxy.host).toBe('proxy.corp:3128');
    expect(proxyVariable(proxy)).toBe("the proxy in Silt's network settings");
    expect(proxyVariable(proxyFor(new URL('https://x.y/'), proxySettingsFromEnv({ HTTPS_PROXY: 'http://env:1' }))!)).toBe('HTTPS_PROXY');
  });
});

describe('a damaged settings file', () => {
  it('does not stop a sharing client from being made; its requests fail naming the file', async () => {
    const { SharingClient } = await import('../../../kernel/sharing/client');
    const file = join(mkdtempSync(join(tmpdir(), 'silt-settings-')), 'settings.json');
    writeFileSync(file, '{"network": {"proxy": ');
    const profile = JSON.stringify({ shareCredentialsVersion: 1, endpoint: 'http://127.0.0.1:9/sharing', bearerToken: 't0ken' });
    const client = SharingClient.fromProfile(profile, { env: { SILT_SETTINGS_FILE: file }, maxRetries: 0 });
    try {
      await expect(client.listShares()).rejects.toThrow(`Silt's settings file ${file} cannot be read as JSON`);
    } finally {
      await client.close();
    }
  });
});
