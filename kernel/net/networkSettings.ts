/**
 * A proxy and a CA bundle set in Silt's own settings, for analysts who cannot set environment
 * variables (a desktop app started from the Dock or the Start menu inherits none of a shell's).
 * `settings.json` in the app data folder, whose path the host and `silt run` pass as
 * SILT_SETTINGS_FILE, holds `{"network": {"proxy": "http://proxy:3128", "noProxy": "…", "caFile":
 * "/path/ca.pem"}}`. A value set there wins over the environment's, as an app's own setting does;
 * proxySettings.ts and trustedCertificates.ts then read the merged variables as before.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SiltError } from '../../common/SiltError';
import { proxySettingsFromEnv } from './proxySettings';
import { trustedCertificates } from './trustedCertificates';

export interface NetworkSettings {
  /** http(s)://[user:password@]host:port, for HTTP and HTTPS alike. */
  proxy?: string;
  /** As NO_PROXY: hosts, IPs, subnets, `*`. */
  noProxy?: string;
  /** A PEM file of the company CA(s) to trust besides the system's. */
  caFile?: string;
}

/** The network part of the settings file; none when there is no file. A damaged file is an error naming it. */
export function readNetworkSettings(file: string): NetworkSettings {
  if (!existsSync(file)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SiltError('corrupt', `Silt's settings file ${file} cannot be read as JSON: ${(e as Error).message}`, { cause: e });
  }
  const network = (json as { network?: unknown } | null)?.network;
  if (typeof network !== 'object' || network === null) return {};
  const pick = (k: keyof NetworkSettings) => {
    const v = (network as Record<string, unknown>)[k];
    return typeof v === 'string' && v.trim() ? { [k]: v.trim() } : {};
  };
  return { ...pick('proxy'), ...pick('noProxy'), ...pick('caFile') };
}

/** `env` with the settings file's proxy and CA (when it names any) in the variables kernel/net reads. */
export function withNetworkSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const file = env.SILT_SETTINGS_FILE;
  if (!file) return env;
  const s = readNetworkSettings(file);
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
  if (s.proxy) for (const k of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) out[k] = s.proxy;
  if (s.noProxy) for (const k of ['no_proxy', 'NO_PROXY']) out[k] = s.noProxy;
  if (s.caFile) out.SILT_CA_FILE = s.caFile;
  return out;
}
