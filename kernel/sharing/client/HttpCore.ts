import { request, type Dispatcher } from 'undici';
import { ProxyDispatcher } from '../../net/ProxyDispatcher';
import { AuthHeader } from './authHeader';
import type { SharingProfile } from './profile';
import { DEFAULT_RETRY_LIMITS, retryDelay, type RetryLimits } from './retryPolicy';
import { errorFromResponse, SharingError } from './SharingError';
import { proxyError } from './proxyError';
import { certificateError, isCertificateError } from './certificateError';

export interface HttpOptions {
  /** TCP+TLS connect timeout (ms). */
  connectTimeoutMs?: number;
  /** Max silence while waiting for headers or between body chunks (ms). */
  readTimeoutMs?: number;
  /** Attempts after the first for failures that may heal (see retryPolicy.ts). */
  maxRetries?: number;
  /** First backoff delay (ms); doubles per attempt, with jitter. */
  retryBaseMs?: number;
  /** Upper bound for one wait, including a server's Retry-After (ms). */
  retryMaxMs?: number;
  /** Total time one operation may spend failing and waiting (ms). */
  retryBudgetMs?: number;
  /** Max sockets per origin. */
  connections?: number;
  userAgent?: string;
  /** Where HTTPS_PROXY, NO_PROXY and SILT_CA_FILE are read (kernel/net); the process's environment by default. */
  env?: NodeJS.ProcessEnv;
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
/** A dead address should not hold a cell for long; a live server accepts in milliseconds. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The HTTP layer: auth, User-Agent (checklist 11), explicit timeouts, and the client's one retry
 * layer (`withRetries`, policy in retryPolicy.ts, checklist 58). `call` makes exactly one attempt;
 * `callWithRetries` is `call` under `withRetries`. Code that retries a whole answer (a page read as
 * it streams) wraps `call` in `withRetries` itself, so no request is ever retried by two layers.
 */
export class HttpCore {
  /** Connections for everything this client fetches, through the environment's proxy where it says so. */
  readonly agent: ProxyDispatcher;
  readonly auth: AuthHeader;
  readonly opts: Required<HttpOptions>;
  readonly limits: RetryLimits;
  declare private readonly profile: SharingProfile;

  constructor(profile: SharingProfile, opts: HttpOptions = {}) {
    this.opts = {
      connectTimeoutMs: opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
      readTimeoutMs: opts.readTimeoutMs ?? 120_000,
      maxRetries: opts.maxRetries ?? DEFAULT_RETRY_LIMITS.maxAttempts - 1,
      retryBaseMs: opts.retryBaseMs ?? DEFAULT_RETRY_LIMITS.firstBackoffMs,
      retryMaxMs: opts.retryMaxMs ?? DEFAULT_RETRY_LIMITS.maxBackoffMs,
      retryBudgetMs: opts.retryBudgetMs ?? DEFAULT_RETRY_LIMITS.budgetMs,
      connections: opts.connections ?? 16,
      userAgent: opts.userAgent ?? `Silt-DeltaSharing/${VERSION} Node/${process.versions.node}`,
      env: opts.env ?? process.env,
    };
    this.limits = {
      ...DEFAULT_RETRY_LIMITS,
      maxAttempts: this.opts.maxRetries + 1,
      firstBackoffMs: this.opts.retryBaseMs,
      maxBackoffMs: this.opts.retryMaxMs,
      budgetMs: this.opts.retryBudgetMs,
    };
    Object.defineProperty(this, 'profile', { value: profile, enumerable: false });
    this.agent = new ProxyDispatcher(
      {
        connectTimeoutMs: this.opts.connectTimeoutMs,
        readTimeoutMs: this.opts.readTimeoutMs,
        connections: this.opts.connections,
      },
      this.opts.env,
    );
    this.auth = new AuthHeader(profile, this.agent, this.opts.readTimeoutMs);
  }

  /** Calls `{endpoint}{path}`, retried per the policy; returns a 2xx response with its body still streaming. */
  callWithRetries(path: string, o: CallOptions): Promise<Response> {
    return this.withRetries(o.what, o.signal, () => this.call(path, o));
  }

  /** One attempt at `{endpoint}{path}`: a 2xx response, or a SharingError (network failures included). */
  async call(path: string, o: CallOptions): Promise<Response> {
    const url = new URL(this.profile.endpoint + path);
    for (const [k, v] of Object.entries(o.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    try {
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
    } catch (e) {
      const ours = e instanceof SharingError || o.signal?.aborted || isNetworkError(e);
      throw ours ? toSharingError(e, o.what, o.signal, url, this.agent.proxyFor(url)) : e;
    }
  }

  private statusError(status: number, body: string, what: string, retryAfter?: number): SharingError {
    const exp = this.profile.expirationTime;
    if (status === 401 && exp !== undefined && exp <= Date.now()) {
      // Checklist 8: a 401 after the profile's expirationTime is an expired token, not a wrong one.
      return new SharingError(
        `${what} failed: the server refused the token (HTTP 401): the profile's token expired on ` +
          `${new Date(exp).toISOString()}; ask the data provider for a new profile`,
        401,
        'TOKEN_EXPIRED',
        false,
      );
    }
    const err = errorFromResponse(status, body, what, retryAfter);
    if (status === 401 && this.profile.auth.type !== 'bearer_token') {
      return err.withMessage(err.message.replace('refused the token', 'refused the credentials'));
    }
    return err;
  }

  /**
   * The client's one retry layer: runs `attempt` until it succeeds, fails for good, or the policy
   * (retryPolicy.ts) says stop. A final failure that was retried says how often and for how long.
   */
  async withRetries<T>(what: string, signal: AbortSignal | undefined, attempt: (n: number) => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let n = 0; ; n++) {
      try {
        return await attempt(n);
      } catch (e) {
        // A bug (a TypeError, say) is not a network failure: it is not retried and keeps its own stack.
        if (!(e instanceof SharingError) && !signal?.aborted && !isNetworkError(e)) throw e;
        const err = toSharingError(e, what, signal);
        const wait = retryDelay(err, n + 1, Date.now() - started, this.limits);
        if (wait === undefined) throw n === 0 || !err.retryable ? err : gaveUp(err, n + 1, Date.now() - started);
        await sleep(wait, signal);
      }
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** The last failure, saying that it was retried, so "retry later" is not read as "retry now". */
function gaveUp(err: SharingError, attempts: number, elapsedMs: number): SharingError {
  const seconds = Math.max(1, Math.round(elapsedMs / 1000));
  return err.withMessage(`${err.message} (${attempts} attempts over ${seconds} s)`);
}

/** Node's and undici's network error codes, in words, with the client's detail code. */
const NETWORK: Record<string, [string, string]> = {
  ECONNREFUSED: ['connection refused', 'CONNECTION_REFUSED'],
  ENOTFOUND: ['host not found', 'HOST_NOT_FOUND'],
  EAI_AGAIN: ['host not found', 'HOST_NOT_FOUND'],
  EHOSTUNREACH: ['host unreachable', 'HOST_UNREACHABLE'],
  ENETUNREACH: ['network unreachable', 'HOST_UNREACHABLE'],
  ECONNRESET: ['connection reset', 'NETWORK_ERROR'],
  EPIPE: ['connection closed', 'NETWORK_ERROR'],
  UND_ERR_SOCKET: ['connection closed', 'NETWORK_ERROR'],
  UND_ERR_CLOSED: ['connection closed', 'NETWORK_ERROR'],
  UND_ERR_CONNECT_TIMEOUT: ['connect timed out', 'CONNECT_TIMEOUT'],
  ETIMEDOUT: ['connect timed out', 'CONNECT_TIMEOUT'],
};

/**
 * Node's errno codes, undici's own, and TLS certificate refusals: failures of the connection, not of
 * Silt. Node's `ERR_*` codes are programming errors (a bad argument), never the network's.
 */
export function isNetworkError(e: unknown): boolean {
  const err = ((e as { errors?: unknown[] })?.errors?.[0] ?? e) as { code?: unknown } | null;
  const code = err?.code;
  if (typeof code !== 'string') return false;
  return isCertificateError(code) || /^E(?!RR_)[A-Z_]+$/.test(code) || code.startsWith('UND_ERR');
}

/**
 * Any failure of an attempt as a SharingError: an abort stays an abort; network failures become
 * retryable errors naming the address ("cannot connect to 127.0.0.1:9 (connection refused)").
 */
export function toSharingError(e: unknown, what: string, signal?: AbortSignal, url?: URL, proxy?: URL | null): SharingError {
  if (e instanceof SharingError) return e;
  if (signal?.aborted) return new SharingError(`${what} was cancelled`, 0, 'CANCELLED', false, undefined, { cause: e });
  const specific = certificateError(e, what, url) ?? (proxy ? proxyError(e, what, proxy, url) : null);
  if (specific) return specific;
  // Connecting to a name with several addresses fails with an AggregateError of one error per address.
  const err = ((e as { errors?: unknown[] })?.errors?.[0] ?? e) as Error & { code?: string };
  const code = typeof err?.code === 'string' ? err.code : typeof err?.name === 'string' ? err.name : 'NETWORK_ERROR';
  const where = url ? `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}` : 'the server';
  if (/HEADERS_TIMEOUT|BODY_TIMEOUT/i.test(code)) {
    const message = `${what} failed: ${where} did not answer in time; check the connection and retry`;
    return new SharingError(message, 0, 'TIMEOUT', true, undefined, { cause: e });
  }
  const [words, detail] = NETWORK[code] ?? [`network error ${code}`, 'NETWORK_ERROR'];
  // A connect timeout already waited its full time: trying again would double it.
  const retryable = detail !== 'CONNECT_TIMEOUT';
  const failed = detail === 'NETWORK_ERROR' ? `the connection to ${where} failed` : `cannot connect to ${where}`;
  return new SharingError(`${what} failed: ${failed} (${words})`, 0, detail, retryable, undefined, { cause: e });
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
