/**
 * Which proxy a request goes through, from the environment variables every tool on a corporate
 * machine already honours: HTTPS_PROXY / HTTP_PROXY / ALL_PROXY (or lower case) and NO_PROXY. Pure, so the rules
 * are unit-tested; the dispatcher that applies them is proxyDispatcher.ts.
 *
 * NO_PROXY entries, separated by commas or spaces: `*` (no proxy at all), a host name (matches it and
 * its subdomains; a leading `.` or `*.` means the same), an IP address, an IPv4 or IPv6 subnet
 * (`10.0.0.0/8`), each optionally with `:port`. Without NO_PROXY, loopback (localhost, 127.0.0.0/8,
 * ::1) is never proxied: a proxy cannot reach this machine's own servers, such as the demo share.
 */
import { BlockList, isIP } from 'node:net';
import { SiltError } from '../../common/SiltError';

export interface ProxySettings {
  http: URL | null;
  https: URL | null;
  bypass: BypassRule[];
}

type BypassRule =
  { kind: 'all' } | { kind: 'host'; host: string; port: number | null } | { kind: 'ip'; list: BlockList; port: number | null };

const LOOPBACK_DEFAULT = 'localhost,127.0.0.0/8,::1';

/** Reads the proxy variables; a malformed proxy URL is refused naming the variable, never quoting it (it may hold a password). */
export function proxySettingsFromEnv(env: NodeJS.ProcessEnv): ProxySettings {
  const pick = (...names: string[]) => {
    for (const name of names) {
      const value = env[name]?.trim();
      if (value) return { name, value };
    }
    return null;
  };
  // As curl, pip and Python's requests (the Delta Sharing connector) read them: each scheme has its
  // own variable and ALL_PROXY covers both; HTTPS never falls back to HTTP_PROXY.
  const http = pick('http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY');
  const https = pick('https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY');
  const noProxy = pick('no_proxy', 'NO_PROXY');
  const source = (name: string) => env[PROXY_SOURCE] || name;
  return {
    http: http ? proxyUrl(http.name, http.value, source(http.name)) : null,
    https: https ? proxyUrl(https.name, https.value, source(https.name)) : null,
    bypass: parseNoProxy(noProxy?.value ?? (env.no_proxy === '' || env.NO_PROXY === '' ? '' : LOOPBACK_DEFAULT)),
  };
}

/** Which variable set each proxy URL, so a failure can say which one to fix. */
const SET_BY = new WeakMap<URL, string>();

/** Set (by networkSettings.ts) when the proxy variables were filled from Silt's settings: what to call them. */
export const PROXY_SOURCE = 'SILT_PROXY_SOURCE';

/** What set a proxy of `proxySettingsFromEnv`: its variable (`HTTPS_PROXY`, `all_proxy`…) or Silt's settings. */
export function proxyVariable(proxy: URL): string {
  return SET_BY.get(proxy) ?? 'HTTPS_PROXY';
}

function proxyUrl(name: string, value: string, source = name): URL {
  // A bare `host:port` is an HTTP proxy, as curl and pip read it.
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SiltError('bad-request', `${name} is not a valid proxy URL; set it like http://proxy.example.com:3128`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SiltError('unsupported', `${name} uses ${url.protocol.slice(0, -1)}; Silt supports http:// and https:// proxies`);
  }
  SET_BY.set(url, source);
  return url;
}

export function parseNoProxy(text: string): BypassRule[] {
  const rules: BypassRule[] = [];
  for (const raw of text.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') {
      rules.push({ kind: 'all' });
      continue;
    }
    const { host, port } = splitPort(entry);
    const [address, bits] = host.split('/');
    const family = isIP(address);
    if (family) {
      const list = new BlockList();
      const type = family === 4 ? 'ipv4' : 'ipv6';
      const prefix = Number(bits);
      if (bits !== undefined && Number.isInteger(prefix) && prefix >= 0 && prefix <= (family === 4 ? 32 : 128)) {
        list.addSubnet(address, prefix, type);
      } else list.addAddress(address, type);
      rules.push({ kind: 'ip', list, port });
    } else {
      rules.push({ kind: 'host', host: host.replace(/^\*?\./, ''), port });
    }
  }
  return rules;
}

/** `host:port`, `[v6]:port`, or a bare IPv6 address (its colons are not a port). */
function splitPort(entry: string): { host: string; port: number | null } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] ? Number(bracketed[2]) : null };
  const m = /^([^:]+):(\d+)$/.exec(entry);
  return m ? { host: m[1], port: Number(m[2]) } : { host: entry, port: null };
}

/** The proxy to reach `url` through, or null to connect directly. */
export function proxyFor(url: URL, settings: ProxySettings): URL | null {
  const proxy = url.protocol === 'https:' ? settings.https : settings.http;
  if (!proxy) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const family = isIP(host);
  const bypassed = settings.bypass.some((rule) => {
    if (rule.kind === 'all') return true;
    if (rule.port !== null && rule.port !== port) return false;
    if (rule.kind === 'ip') return family !== 0 && rule.list.check(host, family === 4 ? 'ipv4' : 'ipv6');
    return host === rule.host || host.endsWith(`.${rule.host}`);
  });
  return bypassed ? null : proxy;
}

/** `proxy.example.com:3128`: how messages name a proxy, without its credentials. */
export function proxyLabel(proxy: URL): string {
  return `${proxy.hostname}:${proxy.port || (proxy.protocol === 'https:' ? 443 : 80)}`;
}
