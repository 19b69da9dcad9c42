import { open, rename, rm } from 'node:fs/promises';
import { request } from 'undici';
import { retryAfterMs, sleep, toSharingError, type HttpCore } from './HttpCore';
import { retryDelay } from './retryPolicy';
import { SiltError } from '../../../common/SiltError';
import { redact, SharingError } from './SharingError';
import type { SharedFile } from './types';

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Called with each chunk's byte count as it lands on disk. */
  onBytes?: (n: number) => void;
  /** A fresh pre-signed URL for this file (re-query); used when the URL expired (checklist 47, 49). */
  refreshUrl?: () => Promise<string>;
  /** Refresh this long before `expirationTimestamp` instead of starting a doomed download (ms). */
  expiryMarginMs?: number;
}

const MAX_REFRESHES = 3;

/**
 * Downloads a pre-signed URL into `dest` via a temp file in the same folder and a rename, so `dest`
 * is never a partial file. A cut connection or 5xx resumes from the byte reached (HTTP Range); a
 * 403/400/401 from storage means the URL expired: refresh it and resume (checklist 49). The size is
 * checked against the server's `size`. No Authorization header goes to storage URLs.
 */
export async function downloadFile(http: HttpCore, file: SharedFile, dest: string, opts: DownloadOptions = {}): Promise<void> {
  const what = `downloading file ${file.id}`;
  const temp = `${dest}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
  const handle = await open(temp, 'w');
  let url = file.url;
  let offset = 0;
  let refreshes = 0;
  let attempts = 0;
  const started = Date.now();
  // Storage answers are retried here, under the same policy as the sharing server's (retryPolicy.ts).
  const retryOrThrow = async (err: SharingError) => {
    const wait = retryDelay(err, ++attempts, Date.now() - started, http.limits);
    if (wait === undefined) throw err;
    await sleep(wait, opts.signal);
  };
  try {
    if (
      opts.refreshUrl &&
      file.expirationTimestamp !== undefined &&
      file.expirationTimestamp - Date.now() < (opts.expiryMarginMs ?? 60_000)
    ) {
      url = await opts.refreshUrl();
      refreshes++;
    }
    for (;;) {
      try {
        const res = await request(url, {
          dispatcher: http.agent,
          headers: { 'user-agent': http.opts.userAgent, ...(offset > 0 ? { range: `bytes=${offset}-` } : {}) },
          signal: opts.signal,
        });
        const status = res.statusCode;
        if (status === 200 || status === 206) {
          if (offset > 0 && status === 200) {
            // The server ignored Range: start over rather than append a second copy.
            opts.onBytes?.(-offset);
            offset = 0;
            await handle.truncate(0);
          }
          for await (const chunk of res.body as AsyncIterable<Buffer>) {
            const cannotWrite = (e: unknown) => new SiltError('io', `${what}: cannot write ${dest}: ${(e as Error).message}`, { cause: e });
            await final(handle.write(chunk, 0, chunk.length, offset), cannotWrite);
            offset += chunk.length;
            opts.onBytes?.(chunk.length);
          }
          break;
        }
        await res.body.dump().catch(() => undefined);
        if ((status === 403 || status === 400 || status === 401) && opts.refreshUrl && refreshes < MAX_REFRESHES) {
          refreshes++;
          url = await final(opts.refreshUrl());
          continue;
        }
        if (status === 404) {
          throw new SharingError(
            `${what} failed: HTTP 404 from storage — the data file is missing on the provider's side (deleted or vacuumed); for an old version try the latest, otherwise tell the data provider`,
            404,
            'FILE_NOT_FOUND',
            false,
          );
        }
        const retryable = status === 429 || status >= 500;
        const why = status === 403 ? ' — the link expired or access was revoked' : '';
        throw new SharingError(
          `${what} failed: HTTP ${status} from storage${why}`,
          status,
          `HTTP_${status}`,
          retryable,
          retryAfterMs(res.headers['retry-after']),
        );
      } catch (e) {
        if (e instanceof Final) throw e.error;
        const where = safeUrl(url);
        await retryOrThrow(toSharingError(e, what, opts.signal, where, where ? http.agent.proxyFor(where) : null));
      }
    }
    if (file.size > 0 && offset !== file.size) {
      throw new SharingError(`${what} failed: got ${offset} bytes, the server said ${file.size}; retry`, 0, 'SIZE_MISMATCH', true);
    }
    await handle.close();
    await rename(temp, dest);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    if (e instanceof SiltError && !(e instanceof SharingError)) throw e;
    const err = toSharingError(e, what, opts.signal);
    throw err.message.includes('?') ? err.withMessage(redact(err.message)) : err;
  }
}

/** A failure that must not be retried here: a URL refresh (retried by its own call) or a local write. */
class Final {
  constructor(readonly error: unknown) {}
}

function final<T>(p: Promise<T>, wrap: (e: unknown) => unknown = (e) => e): Promise<T> {
  return p.catch((e: unknown) => {
    throw new Final(wrap(e));
  });
}

/** A storage URL for messages: only its host and port are ever shown. */
function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
