import type { SharingClient } from './SharingClient';
import { SharingError } from './SharingError';
import type { SkippedFiles } from './skippedFiles';
import type { SharedFile } from './types';

export interface Progress {
  files: number;
  filesDone: number;
  bytes: number;
  bytesDone: number;
  /** Files of the table this read does not download (pruned by the server or skipped by the client). */
  skipped?: SkippedFiles;
}

export interface FetchOptions {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** Fresh URLs by file id (one re-query serves every file that needs one). */
  refreshUrls: () => Promise<Map<string, string>>;
  /** Holds the files' cache paths before they are looked up or downloaded (see FileCache.holdSet). */
  hold?: (paths: string[]) => void;
}

/**
 * Makes every file local (cache first), `client.concurrency` downloads at a time, and returns the
 * local path per file id. The first failure cancels the other downloads.
 */
export async function fetchFiles(client: SharingClient, files: SharedFile[], opts: FetchOptions): Promise<Map<string, string>> {
  const cache = client.fileCache();
  const unique = [...new Map(files.map((f) => [f.id, f])).values()];
  const progress: Progress = { files: unique.length, filesDone: 0, bytes: unique.reduce((s, f) => s + f.size, 0), bytesDone: 0 };
  opts.hold?.(unique.map((f) => cache.pathFor(f.id)));
  const paths = new Map<string, string>();
  const missing: SharedFile[] = [];
  const hits = await Promise.all(unique.map((f) => cache.lookup(f.id, f.size)));
  for (const [i, f] of unique.entries()) {
    const hit = hits[i];
    if (hit) {
      paths.set(f.id, hit);
      progress.filesDone++;
      progress.bytesDone += f.size;
    } else missing.push(f);
  }
  opts.onProgress?.({ ...progress });

  let refreshing: Promise<Map<string, string>> | undefined;
  const freshUrl = async (file: SharedFile): Promise<string> => {
    refreshing ??= opts.refreshUrls().finally(() => setTimeout(() => (refreshing = undefined), 1000));
    const url = (await refreshing).get(file.id);
    if (!url)
      throw new SharingError(
        `file ${file.id} is no longer part of the table (it changed while downloading); run again`,
        0,
        'FILE_GONE',
        true,
      );
    return url;
  };

  const abort = new AbortController();
  const onOuterAbort = () => abort.abort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < missing.length && failure === undefined) {
      const file = missing[next++];
      const dest = cache.pathFor(file.id);
      try {
        await client.download(file, dest, {
          signal: abort.signal,
          refreshUrl: () => freshUrl(file),
          onBytes: (n) => {
            progress.bytesDone += n;
            opts.onProgress?.({ ...progress });
          },
        });
        paths.set(file.id, dest);
        progress.filesDone++;
        opts.onProgress?.({ ...progress });
      } catch (e) {
        failure ??= opts.signal?.aborted ? new SharingError('the download was cancelled', 0, 'CANCELLED', false) : e;
        abort.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(client.concurrency, missing.length) }, worker));
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
  if (failure !== undefined) throw failure;
  // Only new downloads can push the cache over its bound.
  if (missing.length > 0) await cache.evict(new Set(paths.values()));
  return paths;
}
