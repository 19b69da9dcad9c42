/**
 * How many bytes of downloaded files the sharing cache folder may keep, all processes together. In
 * order: the limit in Silt's settings (`storage.cacheMax` in settings.json, set in the Storage
 * settings), then `SILT_CACHE_MAX` (bytes, or a size such as "500MB", "20GB", "1.5TiB"), then half
 * of the space the cache could have: the disk's free space plus what the cache already holds. That
 * last sum does not shrink as the cache fills, so every session sharing the folder computes the same
 * budget at any moment (half the free space alone would let N sessions take N halves). Never under
 * 1 GB: smaller than that, most tables would evict their own files on every read.
 */
import { statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SiltError } from '../../../common/SiltError';
import { readCacheSettings } from './cacheSettings';

const FLOOR = 1e9;
const UNITS: Record<string, number> = {
  '': 1,
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KIB: 1024,
  MIB: 1024 ** 2,
  GIB: 1024 ** 3,
  TIB: 1024 ** 4,
};

/** Bytes from "123", "500MB", "20 GB", "1.5GiB"; undefined for anything else, or past what a disk holds (9 PB). */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2].toUpperCase()] : undefined;
  if (!m || unit === undefined) return undefined;
  const bytes = Math.floor(Number(m[1]) * unit);
  // "999…9TB" would be Infinity or 1e42: a limit no disk has, shown as nonsense and saved as null.
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** The limit in effect and where it comes from. */
export interface CacheLimit {
  bytes: number;
  source: 'settings' | 'environment' | 'default';
  /** The size as written (settings or SILT_CACHE_MAX). */
  text?: string;
  /** Why the settings file's limit was passed over (a damaged file, a size it cannot read). */
  problem?: string;
}

/**
 * The limit for the cache folder `dir`, which holds `used` bytes now. A damaged settings file does
 * not stop a read (as with the network settings): its limit is passed over, and `problem` says why.
 * A SILT_CACHE_MAX it cannot read is an error naming it, unless the settings set the limit.
 */
export function cacheLimit(dir: string, env: NodeJS.ProcessEnv = process.env, used = 0): CacheLimit {
  let problem: string | undefined;
  const file = env.SILT_SETTINGS_FILE;
  if (file) {
    try {
      const text = readCacheSettings(file).cacheMax;
      if (text !== undefined) return { bytes: checkedSize(text, `The cache limit in Silt's settings (${file})`), source: 'settings', text };
    } catch (e) {
      problem = (e as Error).message;
    }
  }
  const set = env.SILT_CACHE_MAX;
  if (set !== undefined && set !== '') return { bytes: checkedSize(set, 'SILT_CACHE_MAX'), source: 'environment', text: set, problem };
  return { bytes: Math.max(FLOOR, Math.floor((freeBytes(dir) + used) / 2)), source: 'default', problem };
}

/** The limit's bytes (see cacheLimit). */
export function cacheCap(dir: string, env: NodeJS.ProcessEnv = process.env, used = 0): number {
  return cacheLimit(dir, env, used).bytes;
}

/** A positive size, or a `bad-request` naming `what` and the text. */
export function checkedSize(text: string, what: string): number {
  const n = parseByteSize(text);
  if (n === undefined || n <= 0) throw new SiltError('bad-request', `${what} must be a size such as 20GB or 500MB, not "${text}"`);
  return n;
}

/** Free space on `dir`'s disk; before the first download makes the folder, that of its nearest existing parent. */
function freeBytes(dir: string): number {
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      const s = statfsSync(d);
      return s.bavail * s.bsize;
    } catch {
      if (dirname(d) === d) return 0; // unknown: the floor applies
    }
  }
}
