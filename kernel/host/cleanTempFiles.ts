/**
 * Removes temp files left by a write that was killed half-way (atomic writes, Delta commits). Only names
 * Silt itself makes are touched: `.<file>.<pid>.<8 hex>.tmp` (fs/atomicWrite.ts, delta/commitLog.ts) and
 * `.<file>.<pid>.<epoch ms>.tmp` (Delta commits of earlier versions), so a user's own `.tmp` files in the workspace are never deleted. A file whose
 * writer is still running is left alone, unless it is older than any write takes (the pid was reused).
 */
import type { Dirent } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * `.name.1234.1733222400000.tmp` (the writer's pid, then when it started) or `.name.1234.9f3a01bc.tmp`
 * (the pid, then a random tag; the file's mtime says when it started).
 */
export const SILT_TEMP_NAME = /^\..+\.(\d+)\.(\d{10,}|[0-9a-f]{8})\.tmp$/;

/** No atomic write takes this long; an older temp file is stale even if its pid is alive again. */
const STALE_MS = 60 * 60 * 1000;
/** Bounds on the walk, so a workspace pointed at a huge folder cannot stall start-up. */
const MAX_DEPTH = 6;
const MAX_ENTRIES = 20_000;
const SKIP_DIRS = new Set(['node_modules', '.git']);

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `name` is a temp file of an interrupted Silt write that may be removed now. */
export function isLeftoverTemp(name: string, now = Date.now(), modifiedMs = now): boolean {
  const m = SILT_TEMP_NAME.exec(name);
  if (!m) return false;
  const pid = Number(m[1]);
  const started = /^\d{10,}$/.test(m[2]) ? Number(m[2]) : modifiedMs;
  return !running(pid) || now - started >= STALE_MS;
}

/** Removes leftover temp files under each folder; returns the paths removed. Missing folders are skipped. */
export async function cleanTempFiles(dirs: string[]): Promise<string[]> {
  const removed: string[] = [];
  let budget = MAX_ENTRIES;
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // gone or unreadable: nothing of ours to tidy there
    }
    for (const d of entries) {
      if (--budget < 0) return;
      const path = join(dir, d.name);
      if (d.isDirectory() && depth < MAX_DEPTH && !SKIP_DIRS.has(d.name)) await walk(path, depth + 1);
      else if (d.isFile() && SILT_TEMP_NAME.test(d.name)) {
        // Re-check it is a plain file right before removing (never follow a link someone put there).
        const st = await lstat(path).catch(() => null);
        if (!st?.isFile() || !isLeftoverTemp(d.name, Date.now(), st.mtimeMs)) continue;
        await rm(path, { force: true });
        removed.push(path);
      }
    }
  };
  for (const dir of new Set(dirs)) await walk(dir, 0);
  return removed;
}
