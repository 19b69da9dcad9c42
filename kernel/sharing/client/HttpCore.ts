import { Agent, request, type Dispatcher } from 'undici';
import { AuthHeader } from './authHeader';
import type { SharingProfile } from './profile';
import { errorFromResponse, SharingError } from './SharingError';

export interface HttpOptions {
  /** TCP+TLS connect timeout (ms). */
  connectTimeoutMs?: number;
  /** Max silence while waiting for headers or between body chunks (ms). */
  readTimeoutMs?: number;
  /** Attempts after the first for retryable failures. */
  maxRetries?: number;
  /** First backoff delay (ms); doubles per attempt, with jitter. */
  retryBaseMs?: number;
  /** Upper bound for one wait, including a server's Retry-After (ms). */
  retryMaxMs?: number;
  /** Max sockets per origin. */
  connections?: number;
  userAgent?: string;
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'HEAD';
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** What the call does, for messages ("listing shares"). */
  what: string;
  signal?: AbortSignal;
}

export type Response = Dispatcher.ResponseData;

const VERSION = '0.1.0';

/**
 * The HTTP layer: auth, User-Agent (checklist 11), explicit timeouts, retries with exponential
 * backoff on 429/5xx/connection errors honouring Retry-After (checklist 58), no retry on other 4xx.
 */
export class HttpCore {
  readonly agent: Agent;
  readonly auth: AuthHeader;
  readonly opts: Required<HttpOptions>;
  declare private readonly profile: SharingProfile;

  constructor(profile: SharingProfile, opts: HttpOptions = {}) {
    this.opts = {
      connectTimeoutMs: opts.connectTimeoutMs ?? 15_000,
      readTimeoutMs: opts.readTimeoutMs ?? 120_000,
      maxRetries: opts.maxRetries ?? 5,
      retryBaseMs: opts.retryBaseMs ?? 200,
      retryMaxMs: opts.retryMaxMs ?? 30_000,
      connections: opts.connections ?? 16,
      userAgent: opts.userAgent ?? `Silt-DeltaSharing/${VERSION} Node/${process.versions.node}`,
    };
    Object.defineProperty(this, 'profile', { value: profile, enumerable: false });
    this.agent = new Agent({
      connect: { timeout: this.opts.connectTimeoutMs },
      headersTimeout: this.opts.readTimeoutMs,
      bodyTimeout: this.opts.readTimeoutMs,
      connections: this.opts.connections,
    });
    this.auth = new AuthHeader(profile, this.agent, this.opts.readTimeoutMs);
  }

  /** Calls `{endpoint}{path}` and returns a 2xx response with its body still streaming. */
  async call(path: string, o: CallOptions): Promise<Response> {
    const url = new URL(this.profile.endpoint + path);
    for (const [k, v] of Object.entries(o.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return this.withRetries(o.what, o.signal, async () => {
      const headers: Record<string, string> = {
        authorization: await this.auth.header(),
        'user-agent': this.opts.userAgent,
        ...o.headers,
      };
      let body: string | undefined;
      if (o.body !== undefined) {
        headers['content-type'] = 'application/json; charset=utf-8';
        body = JSON.stringify(o.body);
      }
      const res = await request(url, { method: o.method ?? 'GET', headers, body, dispatcher: this.agent, signal: o.signal });
      if (res.statusCode >= 200 && res.statusCode < 300) return res;
      const text = o.method === 'HEAD' ? '' : await res.body.text().catch(() => '');
      if (res.statusCode === 401) this.auth.invalidate();
      throw this.statusError(res.statusCode, text, o.what, retryAfterMs(res.headers['retry-after']));
    });
  }

  private statusError(status: number, body: string, what: string, retryAfter?: number): SharingError {
    const exp = this.profile.expirationTime;
    if (status === 401 && exp !== undefined && exp <= Date.now()) {
      // Checklist 8: a 401 after the profile's expirationTime is an expired token, not a wrong one.
      return new SharingError(
        `${what} failed: the profile's token expired on ${new Date(exp).toISOString()}; ask the data provider for a new profile`,
        401,
        'TOKEN_EXPIRED',
        false,
      );
    }
    return errorFromResponse(status, body, what, retryAfter);
  }

  /** Runs `attempt` until it succeeds, fails for good, or retries run out. */
  async withRetries<T>(what: string, signal: AbortSignal | undefined, attempt: (n: number) => Promise<T>): Promise<T> {
    for (let n = 0; ; n++) {
      try {
        return await attempt(n);
      } catch (e) {
        const err = toSharingError(e, what, signal);
        if (!err.retryable || n >= this.opts.maxRetries) throw err;
        const backoff = this.opts.retryBaseMs * 2 ** n * (0.75 + Math.random() * 0.5);
        await sleep(Math.min(this.opts.retryMaxMs, Math.max(err.retryAfterMs ?? 0, backoff)), signal);
      }
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** Network failures become retryable SharingErrors; an abort stays an abort. */
export function toSharingError(e: unknown, what: string, signal?: AbortSignal): SharingError {
  if (e instanceof SharingError) return e;
  if (signal?.aborted) return new SharingError(`${what} was cancelled`, 0, 'CANCELLED', false);
  const err = e as Error & { code?: string };
  const code = err.code ?? err.name ?? 'NETWORK_ERROR';
  const timeout = /TIMEOUT/i.test(code);
  return new SharingError(
    `${what} failed: ${timeout ? 'the server did not answer in time' : `network error (${code})`}; check the connection and retry`,
    0,
    timeout ? 'TIMEOUT' : 'NETWORK_ERROR',
    true,
  );
}

export function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (!v) return undefined;
  const seconds = Number(v);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SharingError('cancelled', 0, 'CANCELLED', false));
    const t = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(t);
      reject(new SharingError('cancelled', 0, 'CANCELLED', false));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
