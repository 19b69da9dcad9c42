/**
 * A publish creating a new table writes it in a hidden `.staging-<table>-<uuid>` folder and renames it
 * into place; one killed before the rename leaves that folder, data files and all. Removed at start
 * once it is older than any publish takes, so a publish still running in another Silt is never touched.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

const STAGING = /^\.staging-.+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STALE_MS = 60 * 60 * 1000;

/** Returns the folders removed. */
export async function removeStaleStaging(dir: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const d of entries) {
    if (!d.isDirectory() || !STAGING.test(d.name)) continue;
    const path = join(dir, d.name);
    const st = await stat(path).catch(() => null);
    if (!st || now - st.mtimeMs < STALE_MS) continue;
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}
