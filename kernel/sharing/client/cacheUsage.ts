/**
 * What a cache folder holds, measured from disk (every process's downloads count), and emptying it.
 * Only complete files count: a `.part` file is a download in progress, removed here once an hour
 * old (its writer is gone).
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { heldNames } from './cacheHolds';

const STALE_PART_MS = 3_600_000;

export interface CacheEntry {
  path: string;
  name: string;
  size: number;
  /** Last use (the file's mtime; lookups touch it). */
  used: number;
}

/** The complete files in `cacheDir`, least recently used first. */
export async function cacheEntries(cacheDir: string): Promise<CacheEntry[]> {
  const filesDir = join(cacheDir, 'files');
  const names = await readdir(filesDir).catch(() => [] as string[]);
  const entries: CacheEntry[] = [];
  for (const name of names) {
    const path = join(filesDir, name);
    const s = await stat(path).catch(() => undefined);
    if (!s?.isFile()) continue;
    if (name.endsWith('.part')) {
      if (Date.now() - s.mtimeMs > STALE_PART_MS) await rm(path, { force: true });
      continue;
    }
    entries.push({ path, name, size: s.size, used: s.mtimeMs });
  }
  return entries.sort((a, b) => a.used - b.used);
}

export interface CacheUsage {
  bytes: number;
  files: number;
}

export async function measureCache(cacheDir: string): Promise<CacheUsage> {
  const entries = await cacheEntries(cacheDir);
  return { bytes: entries.reduce((s, e) => s + e.size, 0), files: entries.length };
}

export interface Emptied {
  freedBytes: number;
  freedFiles: number;
  /** Files a running statement (of any process using the folder) reads, left in place. */
  keptBytes: number;
  keptFiles: number;
}

/** Removes every file of the cache no running statement holds. */
export async function emptyCache(cacheDir: string): Promise<Emptied> {
  const held = heldNames(cacheDir);
  const out: Emptied = { freedBytes: 0, freedFiles: 0, keptBytes: 0, keptFiles: 0 };
  for (const e of await cacheEntries(cacheDir)) {
    if (held.has(e.name)) {
      out.keptBytes += e.size;
      out.keptFiles++;
      continue;
    }
    await rm(e.path, { force: true });
    out.freedBytes += e.size;
    out.freedFiles++;
  }
  return out;
}
