/**
 * An undici dispatcher that sends each request straight to its server or through the proxy the
 * environment names for it (proxySettings.ts), trusting the CAs of trustedCertificates.ts both ways.
 * One instance serves a whole sharing client: the sharing server, its OAuth endpoint and the storage
 * behind pre-signed URLs, which may sit on either side of a corporate proxy.
 */
import { Agent, Dispatcher, ProxyAgent } from 'undici';
import { withNetworkSettings } from './networkSettings';
import { proxyFor, proxySettingsFromEnv, type ProxySettings } from './proxySettings';
import { trustedCertificates } from './trustedCertificates';

export interface ConnectionOptions {
  connectTimeoutMs: number;
  readTimeoutMs: number;
  connections: number;
}

export class ProxyDispatcher extends Dispatcher {
  private readonly direct: Agent;
  private readonly viaProxy = new Map<string, ProxyAgent>();
  private readonly settings: ProxySettings;
  private readonly ca: string[] | undefined;
  /** Why the network settings or the CA file could not be read, if they could not: every request fails with it. */
  private readonly broken: Error | null = null;

  constructor(
    private readonly o: ConnectionOptions,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    super();
    // Read at each client's start, so a proxy set in Silt's settings applies to profiles opened after it.
    // A damaged settings file or an unreadable CA file must not stop a session from starting (its
    // profiles' clients are made then): every request of this client fails with that error instead,
    // naming the file.
    let merged = env;
    let ca: string[] | undefined;
    try {
      merged = withNetworkSettings(env);
      ca = trustedCertificates(merged);
    } catch (e) {
      this.broken = e instanceof Error ? e : new Error(String(e));
    }
    this.settings = proxySettingsFromEnv(merged);
    this.ca = ca;
    this.direct = new Agent({ ...this.timeouts(), connect: { timeout: o.connectTimeoutMs, ...(this.ca ? { ca: this.ca } : {}) } });
  }

  /** The proxy a request to `url` goes through, or null; messages use it to name the proxy when it fails. */
  proxyFor(url: URL): URL | null {
    return proxyFor(url, this.settings);
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    if (this.broken) throw this.broken;
    const proxy = this.proxyFor(new URL(String(options.origin)));
    return (proxy ? this.proxyAgent(proxy) : this.direct).dispatch(options, handler);
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    const done = Promise.all([this.direct.close(), ...[...this.viaProxy.values()].map((a) => a.close())]).then(() => undefined);
    if (!callback) return done;
    void done.then(callback);
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(a?: Error | null | (() => void), b?: () => void): Promise<void> | void {
    const err = typeof a === 'function' ? null : (a ?? null);
    const callback = typeof a === 'function' ? a : b;
    const all = [this.direct, ...this.viaProxy.values()];
    const done = Promise.all(all.map((d) => d.destroy(err))).then(() => undefined);
    if (!callback) return done;
    void done.then(callback);
  }

  private proxyAgent(proxy: URL): ProxyAgent {
    let agent = this.viaProxy.get(proxy.href);
    if (!agent) {
      const tls = { timeout: this.o.connectTimeoutMs, ...(this.ca ? { ca: this.ca } : {}) };
      agent = new ProxyAgent({ uri: proxy.href, ...this.timeouts(), requestTls: tls, proxyTls: tls });
      this.viaProxy.set(proxy.href, agent);
    }
    return agent;
  }

  private timeouts() {
    return { headersTimeout: this.o.readTimeoutMs, bodyTimeout: this.o.readTimeoutMs, connections: this.o.connections };
  }
}
