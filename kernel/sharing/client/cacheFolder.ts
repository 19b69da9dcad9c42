/**
 * The one folder the app's sessions share for downloaded shared-table files, so one limit (and the
 * Storage settings' Empty cache) covers all of them: SILT_CACHE_DIR; else under SILT_HOME when that
 * moves Silt's files (tests, portable installs); else the user's cache folder (`~/.cache/silt/sharing`
 * on Linux, XDG_CACHE_HOME respected), beside DuckDB's spill folders.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function sharingCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SILT_CACHE_DIR) return env.SILT_CACHE_DIR;
  if (env.SILT_HOME) return join(env.SILT_HOME, 'cache', 'sharing');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'silt', 'sharing');
}
