import { createHash } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheCap } from './cacheCap';
import { formatBytes } from '../../../common/formatBytes';

const TOUCH_AFTER_MS = 60_000;

/** What one eviction removed, and where the cache stands after it. */
export interface Eviction {
  files: number;
  bytes: number;
  /** Bytes the cache holds afterwards (over the cap when files in use could not go). */
  total: number;
  cap: number;
}

/**
 * Downloaded files on disk, keyed by the protocol's stable file id (never the URL, checklist 46).
 * Safe across restarts and across processes: entries only appear by rename of a complete, size-
 * checked temp file; last use is the file's mtime, which LRU eviction reads back after a restart.
 */
export class FileCache {
  private readonly filesDir: string;
  private readonly tablesDir: string;
  /** Files a running query reads (see hold), by path, with how many holders each has. */
  private readonly held = new Map<string, number>();
  readonly maxBytes: number;

  /**
   * `maxBytes` defaults to cacheCap (SILT_CACHE_MAX, else half the disk's free space); `onEvict`
   * hears of every eviction that removed something or left the cache over its cap because the
   * running query needs more (by default one line on stderr).
   */
  constructor(
    readonly dir: string,
    maxBytes?: number,
    private readonly onEvict: (e: Eviction) => void = logEviction,
  ) {
    this.filesDir = join(dir, 'files');
    this.tablesDir = join(dir, 'tables');
    mkdirSync(this.filesDir, { recursive: true });
    mkdirSync(this.tablesDir, { recursive: true });
    this.maxBytes = maxBytes ?? cacheCap(dir);
  }

  /**
   * Keeps these files from eviction until the returned release is called: the files of a query
   * that is still to read them, while another table of the same query downloads.
   */
  hold(paths: Iterable<string>): () => void {
    const list = [...paths];
    for (const p of list) this.held.set(p, (this.held.get(p) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const p of list) {
        const n = (this.held.get(p) ?? 1) - 1;
        if (n <= 0) this.held.delete(p);
        else this.held.set(p, n);
      }
    };
  }

  /** Where the entry for `id` lives (whether or not it exists yet). */
  pathFor(id: string): string {
    return join(this.filesDir, `${hash(id)}.parquet`);
  }

  /**
   * The cached file for `id` when present with the expected size (a wrong size is dropped). Checked
   * synchronously: a stat is microseconds, while a threadpool round trip per file made a warm re-open
   * of a 200-file table cost more than the stats themselves.
   */
  async lookup(id: string, size?: number): Promise<string | undefined> {
    const path = this.pathFor(id);
    const s = statSync(path, { throwIfNoEntry: false });
    if (!s) return undefined;
    if (size !== undefined && size > 0 && s.size !== size) {
      await rm(path, { force: true });
      return undefined;
    }
    // Recency for LRU eviction. Minute granularity is plenty, and skipping the write keeps a warm
    // re-open of a many-file table to one stat per file.
    if (Date.now() - s.mtimeMs > TOUCH_AFTER_MS) {
      const now = new Date();
      await utimes(path, now, now).catch(() => undefined);
    }
    return path;
  }

  /**
   * Evicts least-recently-used entries until the cache fits, never touching `keep` (files the
   * caller is about to read) or held files. Temp files of crashed downloads older than an hour go
   * too. Says what it removed through `onEvict`, and returns it.
   */
  async evict(keep: Set<string> = new Set()): Promise<Eviction> {
    const names = await readdir(this.filesDir);
    const entries: { path: string; size: number; used: number }[] = [];
    let total = 0;
    for (const name of names) {
      const path = join(this.filesDir, name);
      const s = await stat(path).catch(() => undefined);
      if (!s) continue;
      if (name.endsWith('.part')) {
        if (Date.now() - s.mtimeMs > 3_600_000) await rm(path, { force: true });
        continue;
      }
      total += s.size;
      entries.push({ path, size: s.size, used: s.mtimeMs });
    }
    entries.sort((a, b) => a.used - b.used);
    const out: Eviction = { files: 0, bytes: 0, total, cap: this.maxBytes };
    for (const e of entries) {
      if (total <= this.maxBytes) break;
      if (keep.has(e.path) || this.held.has(e.path)) continue;
      await rm(e.path, { force: true });
      total -= e.size;
      out.files++;
      out.bytes += e.size;
    }
    out.total = total;
    if (out.files > 0 || out.total > out.cap) this.onEvict(out);
    return out;
  }

  /** What was last read for a table key (version + file list), to reopen without a /query. */
  async readManifest<T>(key: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(join(this.tablesDir, `${hash(key)}.json`), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  async writeManifest(key: string, value: unknown): Promise<void> {
    const path = join(this.tablesDir, `${hash(key)}.json`);
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    await writeFile(temp, JSON.stringify(value));
    await rename(temp, path);
  }
}

/** "sharing cache: evicted 3 least recently used files (1.2 GB) to stay under its cap of 10.0 GB" */
export function describeEviction(e: Eviction): string {
  if (e.files === 0)
    return `sharing cache: ${formatBytes(e.total)}, over its cap of ${formatBytes(e.cap)}, as the running query reads all of it`;
  const over = e.total > e.cap ? `; still ${formatBytes(e.total)}, over the cap, as the running query reads the rest` : '';
  return `sharing cache: evicted ${e.files} least recently used file${e.files === 1 ? '' : 's'} (${formatBytes(e.bytes)}) to stay under its cap of ${formatBytes(e.cap)}${over}`;
}

function logEviction(e: Eviction): void {
  process.stderr.write(describeEviction(e) + '\n');
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
