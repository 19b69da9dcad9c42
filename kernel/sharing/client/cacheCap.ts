/**
 * How many bytes of downloaded files the sharing cache may keep. `SILT_CACHE_MAX` (bytes, or a size
 * such as "500MB", "20GB", "1.5TiB") wins; otherwise half of the space free on the cache's disk
 * when the cache opens, so a big shared table fits while the disk keeps room for DuckDB's spill
 * files and everything else, and never under 1 GB (smaller than that, most tables would evict
 * their own files on every read).
 */
import { statfsSync } from 'node:fs';
import { SiltError } from '../../../common/SiltError';

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

/** Bytes from "123", "500MB", "20 GB", "1.5GiB"; undefined for anything else. */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2].toUpperCase()] : undefined;
  if (!m || unit === undefined) return undefined;
  return Math.floor(Number(m[1]) * unit);
}

/** The cap from the environment, or half the free space of `dir`'s disk (at least 1 GB). */
export function cacheCap(dir: string, env: NodeJS.ProcessEnv = process.env): number {
  const set = env.SILT_CACHE_MAX;
  if (set !== undefined && set !== '') {
    const n = parseByteSize(set);
    if (n === undefined || n <= 0) throw new SiltError('bad-request', `SILT_CACHE_MAX must be a size such as 20GB or 500MB, not "${set}"`);
    return n;
  }
  return Math.max(FLOOR, Math.floor(freeBytes(dir) / 2));
}

function freeBytes(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return 0; // unknown: the floor applies
  }
}
