/**
 * vitest's global setup: a `silt run` or `silt serve` a test starts without SILT_HOME caches downloads
 * (and DuckDB spills) in the user's cache folder. For tests that is a folder of this run's own, set
 * before the test processes start (they and their children inherit it) and removed at the end, never
 * the developer's ~/.cache.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'silt-test-cache-'));
  process.env.XDG_CACHE_HOME = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
