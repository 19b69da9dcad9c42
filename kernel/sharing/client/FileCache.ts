import { createHash } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const TOUCH_AFTER_MS = 60_000;

/**
 * Downloaded files on disk, keyed by the protocol's stable file id (never the URL, checklist 46).
 * Safe across restarts and across processes: entries only appear by rename of a complete, size-
 * checked temp file; last use is the file's mtime, which LRU eviction reads back after a restart.
 */
export class FileCache {
  private readonly filesDir: string;
  private readonly tablesDir: string;

  constructor(
    readonly dir: string,
    readonly maxBytes = 10 * 1024 ** 3,
  ) {
    this.filesDir = join(dir, 'files');
    this.tablesDir = join(dir, 'tables');
    mkdirSync(this.filesDir, { recursive: true });
    mkdirSync(this.tablesDir, { recursive: true });
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
   * caller is about to read). Temp files of crashed downloads older than an hour go too.
   */
  async evict(keep: Set<string> = new Set()): Promise<void> {
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
    for (const e of entries) {
      if (total <= this.maxBytes) break;
      if (keep.has(e.path)) continue;
      await rm(e.path, { force: true });
      total -= e.size;
    }
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

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
