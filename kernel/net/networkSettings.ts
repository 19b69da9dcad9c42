/**
 * A proxy and a CA bundle set in Silt's own settings, for analysts who cannot set environment
 * variables (a desktop app started from the Dock or the Start menu inherits none of a shell's).
 * `settings.json` in the app data folder, whose path the host and `silt run` pass as
 * SILT_SETTINGS_FILE, holds `{"network": {"proxy": "http://proxy:3128", "noProxy": "…", "caFile":
 * "/path/ca.pem"}}`. A value set there wins over the environment's, as an app's own setting does;
 * proxySettings.ts and trustedCertificates.ts then read the merged variables as before.
 */
import { SiltError } from '../../common/SiltError';
import type { NetworkSettings, NetworkSettingsView } from '../protocol/settings';
import { readSettingsJson } from './readSettingsJson';
import { PROXY_SOURCE, proxySettingsFromEnv } from './proxySettings';
import { trustedCertificates } from './trustedCertificates';

/** The network part of the settings file; none when there is no file. A damaged file is an error naming it. */
export function readNetworkSettings(file: string): NetworkSettings {
  const json = readSettingsJson(file);
  const network = json.network;
  if (typeof network !== 'object' || network === null) return {};
  const pick = (k: keyof NetworkSettings) => {
    const v = (network as Record<string, unknown>)[k];
    return typeof v === 'string' && v.trim() ? { [k]: v.trim() } : {};
  };
  return { ...pick('proxy'), ...pick('noProxy'), ...pick('caFile') };
}

/**
 * `env` with the settings file's proxy and CA (when it names any) in the variables kernel/net reads.
 * `settings` stands in for the file's when they are about to be saved.
 */
export function withNetworkSettings(env: NodeJS.ProcessEnv, settings?: NetworkSettings): NodeJS.ProcessEnv {
  const file = env.SILT_SETTINGS_FILE;
  if (!file) return env;
  const s = settings ?? readNetworkSettings(file);
  // Checked here so that a mistake names the setting, not a variable the user never set.
  const named = (what: string, variable: string, check: () => unknown) => {
    try {
      check();
    } catch (e) {
      const err = e instanceof SiltError ? e : new SiltError('bad-request', String(e));
      throw new SiltError(err.code, err.message.replace(variable, `${what} in Silt's settings (${file})`), { cause: e });
    }
  };
  if (s.proxy) named('The proxy', 'https_proxy', () => proxySettingsFromEnv({ https_proxy: s.proxy }));
  if (s.caFile) named('The CA bundle', 'SILT_CA_FILE', () => trustedCertificates({ SILT_CA_FILE: s.caFile }));
  const out = { ...env };
  // Both cases: proxySettings.ts reads the lower-case variable first, as curl does.
  if (s.proxy) {
    for (const k of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) out[k] = s.proxy;
    // Proxy errors then say to fix the setting, not a variable the user never set.
    out[PROXY_SOURCE] = "the proxy in Silt's network settings";
  }
  if (s.noProxy) for (const k of ['no_proxy', 'NO_PROXY']) out[k] = s.noProxy;
  if (s.caFile) out.SILT_CA_FILE = s.caFile;
  return out;
}

const MASK = '****';

/** A proxy URL as the window may show it: the password, if any, as `****`; the rest as the user wrote it. */
export function maskProxy(proxy: string | undefined): string | undefined {
  if (!proxy) return proxy;
  // Up to the last @ before the host: a raw @ in a password is still part of the password.
  return proxy.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)?([^:@/]*):[^/]*@/i,
    (_m, scheme: string | undefined, user: string) => `${scheme ?? ''}${user}:${MASK}@`,
  );
}

/** The settings for the window: no password leaves the kernel. */
export function networkSettingsView(file: string, env: NodeJS.ProcessEnv = process.env): NetworkSettingsView {
  const s = readNetworkSettings(file);
  // What a sharing server (HTTPS) would go through without the setting: as proxySettings.ts reads it.
  const proxyEnv = env.https_proxy || env.HTTPS_PROXY || env.all_proxy || env.ALL_PROXY;
  const noProxyEnv = env.no_proxy ?? env.NO_PROXY;
  return {
    file,
    settings: { ...s, ...(s.proxy ? { proxy: maskProxy(s.proxy) } : {}) },
    fromEnvironment: {
      ...(proxyEnv ? { proxy: maskProxy(proxyEnv) } : {}),
      ...(noProxyEnv ? { noProxy: noProxyEnv } : {}),
      ...(env.SILT_CA_FILE ? { caFile: env.SILT_CA_FILE } : {}),
    },
  };
}

/**
 * The settings file's new text with these network settings (empty fields removed), the rest of the
 * file kept; checked first, so a mistake shows in the dialog and not at the next query. A proxy
 * whose password is still `****` keeps the saved password. The host writes it (0600: it may hold a
 * proxy's password) with kernel/fs's atomic write.
 */
export function networkSettingsFileText(file: string, wanted: NetworkSettings): string {
  const old = readNetworkSettings(file);
  const clean = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  let proxy = clean(wanted.proxy);
  if (proxy && old.proxy && proxy === maskProxy(old.proxy)) proxy = old.proxy;
  const network: NetworkSettings = { proxy, noProxy: clean(wanted.noProxy), caFile: clean(wanted.caFile) };
  withNetworkSettings({ SILT_SETTINGS_FILE: file }, network);
  // readNetworkSettings above already refused a damaged file; the other parts are kept as they are.
  const rest = readSettingsJson(file);
  return JSON.stringify({ ...rest, network: JSON.parse(JSON.stringify(network)) }, null, 2) + '\n';
}
