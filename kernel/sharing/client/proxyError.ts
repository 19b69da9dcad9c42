/**
 * A request that went through a proxy and failed before reaching its server is the proxy's failure,
 * and the message must say so: "cannot connect to the sharing server" sends a user to the provider,
 * when the fix is their HTTPS_PROXY (or whichever variable set the proxy) or their proxy's password. The proxy is named by host and port
 * only: its URL may carry credentials.
 */
import { proxyLabel, proxyVariable } from '../../net/proxySettings';
import { SharingError } from './SharingError';

/** What a proxy's answer to CONNECT means, by status. */
function proxyStatus(status: number, variable: string): string | undefined {
  if (status === 403) return 'the proxy does not allow connections to this address';
  if (status === 407) return `the proxy needs credentials: put them in ${variable} as http://user:password@host:port`;
  return undefined;
}

/** The proxy's failure told as such, or null when the failure is not the proxy's (let the caller word it). */
export function proxyError(e: unknown, what: string, proxy: URL, url?: URL): SharingError | null {
  const err = ((e as { errors?: unknown[] })?.errors?.[0] ?? e) as Error & { code?: string };
  const through = `through the proxy ${proxyLabel(proxy)}`;
  const target = url ? ` to ${url.hostname}` : '';
  const tunnel = /Proxy response \((\d{3})\)/.exec(err?.message ?? '');
  if (tunnel) {
    const status = Number(tunnel[1]);
    const why = proxyStatus(status, proxyVariable(proxy)) ?? `the proxy could not reach the server (HTTP ${status})`;
    // 407 and 403 are the proxy's settled answer; a 5xx may be a passing failure upstream.
    const retryable = status >= 500;
    return new SharingError(`${what} failed: cannot connect${target} ${through}: ${why}`, 0, 'PROXY_REFUSED', retryable, undefined, {
      cause: e,
      code: status === 407 ? 'unauthorized' : status === 403 ? 'forbidden' : 'unavailable',
    });
  }
  if (err?.code === 'ECONNREFUSED' || err?.code === 'ENOTFOUND' || err?.code === 'EAI_AGAIN' || err?.code === 'EHOSTUNREACH') {
    const why = err.code === 'ECONNREFUSED' ? 'connection refused' : 'host not found or unreachable';
    const message = `${what} failed: cannot reach the proxy ${proxyLabel(proxy)} (${why}); check ${proxyVariable(proxy)} and NO_PROXY`;
    return new SharingError(message, 0, 'PROXY_UNREACHABLE', true, undefined, { cause: e, code: 'unavailable' });
  }
  return null;
}
