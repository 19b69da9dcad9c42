import { createHash } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheLimit } from './cacheCap';
import { folderHolds, heldNames } from './cacheHolds';
import { cacheEntries } from './cacheUsage';
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
 * Downloaded files on disk, keyed by the protocol's stable file id (never the URL, checklist 46)
 * within the server that gave it.
 * Safe across restarts and across processes: entries only appear by rename of a complete, size-
 * checked temp file; last use is the file's mtime, which LRU eviction reads back after a restart.
 * One budget for the whole folder: eviction measures every file in it from disk, whichever session
 * or process wrote it, and the limit (cacheCap.ts) is read again at each eviction, so a limit set in
 * the Storage settings applies to running sessions at their next download.
 */
export class FileCache {
  private readonly filesDir: string;
  private readonly tablesDir: string;

  /**
   * `maxBytes` fixes the limit (tests); without it, cacheLimit decides at each eviction (settings,
   * SILT_CACHE_MAX, else half of the free space plus what the folder holds). `onEvict` hears of every
   * eviction that removed something or left the cache over its cap because the running query needs
   * more (by default one line on stderr).
   */
  constructor(
    readonly dir: string,
    private readonly maxBytes?: number,
    private readonly onEvict: (e: Eviction) => void = logEviction,
    private readonly env: NodeJS.ProcessEnv = process.env,
    /**
     * The server the ids come from (its endpoint). A file id is stable and unique within one server
     * only: two servers sharing tables of the same names (two Silt servers, whose ids come from
     * share.schema.table and path) would otherwise serve each other's files from the cache.
     */
    private readonly scope = '',
  ) {
    this.filesDir = join(dir, 'files');
    this.tablesDir = join(dir, 'tables');
    mkdirSync(this.filesDir, { recursive: true });
    mkdirSync(this.tablesDir, { recursive: true });
  }

  /**
   * Keeps these files from eviction until the returned release is called: the files of a query
   * that is still to read them, while another table of the same query downloads. The hold counts
   * for every FileCache on this folder, in this process and (through the folder's `holds/`) in others.
   */
  hold(paths: Iterable<string>): () => void {
    return folderHolds(this.dir).add(paths);
  }

  /**
   * Holds taken one by one and released together: a read's files from the moment it looks them up
   * or starts downloading them until its caller holds them for its statement (sharedTableSql).
   */
  holdSet(): { hold(paths: Iterable<string>): void; release(): void } {
    const releases: (() => void)[] = [];
    return {
      hold: (paths) => void releases.push(this.hold(paths)),
      release: () => {
        for (const release of releases.splice(0)) release();
      },
    };
  }

  /** Where the entry for `id` lives (whether or not it exists yet). */
  pathFor(id: string): string {
    return join(this.filesDir, `${hash(this.scope ? `${this.scope}\n${id}` : id)}.parquet`);
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
   * Evicts least-recently-used entries of the whole folder until it fits, never touching `keep`
   * (files the caller is about to read) or files any live process holds. Temp files of crashed
   * downloads older than an hour go too. Says what it removed through `onEvict`, and returns it.
   */
  async evict(keep: Set<string> = new Set()): Promise<Eviction> {
    const entries = await cacheEntries(this.dir);
    let total = entries.reduce((s, e) => s + e.size, 0);
    const cap = this.maxBytes ?? this.limit(total);
    const out: Eviction = { files: 0, bytes: 0, total, cap };
    if (total <= cap) return out;
    const held = heldNames(this.dir);
    for (const e of entries) {
      if (total <= cap) break;
      if (keep.has(e.path) || held.has(e.name)) continue;
      await rm(e.path, { force: true });
      total -= e.size;
      out.files++;
      out.bytes += e.size;
    }
    out.total = total;
    if (out.files > 0 || out.total > out.cap) this.onEvict(out);
    return out;
  }

  /**
   * The folder's limit now. A SILT_CACHE_MAX that cannot be read does not fail the read that just
   * downloaded (nor pass the next, which downloads nothing, as the same mistake): the default applies,
   * and stderr and the Storage settings say why, once per cache.
   */
  private limit(used: number): number {
    try {
      const limit = cacheLimit(this.dir, this.env, used);
      // A damaged settings file: its limit is passed over, as its network settings are, and said once.
      if (limit.problem && !this.warned) process.stderr.write(`sharing cache: ${limit.problem}; its cache limit is not used\n`);
      this.warned ||= limit.problem !== undefined;
      return limit.bytes;
    } catch (e) {
      if (!this.warned) process.stderr.write(`sharing cache: ${(e as Error).message}; using the default limit\n`);
      this.warned = true;
      return cacheLimit(this.dir, { ...this.env, SILT_CACHE_MAX: '' }, used).bytes;
    }
  }
  private warned = false;

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
