/**
 * What the host answers for the Storage settings: the cache folder's place, what it holds (measured
 * from disk), the limit in effect and where it comes from; saving a limit; emptying the cache.
 */
import { formatBytes } from '../../../common/formatBytes';
import { SiltError } from '../../../common/SiltError';
import { atomicWrite } from '../../fs/atomicWrite';
import type { EmptyCacheResult, StorageView } from '../../protocol/storage';
import { cacheLimit, checkedSize, type CacheLimit } from './cacheCap';
import { sharingCacheDir } from './cacheFolder';
import { cacheSettingsFileText, readCacheSettings } from './cacheSettings';
import { emptyCache, measureCache, type Emptied } from './cacheUsage';

function settingsFile(env: NodeJS.ProcessEnv): string {
  const file = env.SILT_SETTINGS_FILE;
  if (!file) throw new SiltError('unavailable', 'This kernel was started without a settings file (SILT_SETTINGS_FILE).');
  return file;
}

export async function storageView(env: NodeJS.ProcessEnv = process.env): Promise<StorageView> {
  const file = settingsFile(env);
  const cacheDir = sharingCacheDir(env);
  const used = await measureCache(cacheDir);
  let limit: CacheLimit;
  let envProblem: string | undefined;
  try {
    limit = cacheLimit(cacheDir, env, used.bytes);
  } catch (e) {
    // A SILT_CACHE_MAX it cannot read: downloads use the default too (FileCache.limit), and this says why.
    envProblem = (e as Error).message;
    limit = cacheLimit(cacheDir, { ...env, SILT_CACHE_MAX: '' }, used.bytes);
  }
  let setting: string | undefined;
  try {
    setting = readCacheSettings(file).cacheMax;
  } catch {
    // Damaged: limit.problem says so.
  }
  const problem = [limit.problem, envProblem].filter(Boolean).join(' ');
  return {
    cacheDir,
    usedBytes: used.bytes,
    usedFiles: used.files,
    limitBytes: limit.bytes,
    limitSource: limit.source,
    ...(setting ? { setting } : {}),
    ...(env.SILT_CACHE_MAX ? { fromEnvironment: env.SILT_CACHE_MAX } : {}),
    ...(problem ? { problem } : {}),
    file,
  };
}

/** Saves the cache limit (empty: none, so SILT_CACHE_MAX or the default applies); a size it cannot read saves nothing. */
export async function setStorageSettings(cacheMax: string, env: NodeJS.ProcessEnv = process.env): Promise<StorageView> {
  const file = settingsFile(env);
  const text = cacheSettingsFileText(file, cacheMax, (t) => checkedSize(t, 'The cache limit'));
  // 0600: the same file may hold a proxy's password.
  atomicWrite(file, text, 0o600);
  return storageView(env);
}

export async function emptyStorage(env: NodeJS.ProcessEnv = process.env): Promise<EmptyCacheResult> {
  const e = await emptyCache(sharingCacheDir(env));
  return { ...e, message: describeEmptied(e), view: await storageView(env) };
}

/** "Freed 12.3 MB (8 files)." and, for files in use, what stayed and why. */
export function describeEmptied(e: Emptied): string {
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  const kept = `${files(e.keptFiles)} (${formatBytes(e.keptBytes)})`;
  const inUse = e.keptFiles === 1 ? 'is being read by a running statement' : 'are being read by a running statement';
  if (e.freedFiles === 0 && e.keptFiles === 0) return 'The cache was already empty.';
  if (e.freedFiles === 0) return `Nothing was freed: the ${kept} in the cache ${inUse}. Empty the cache again once it has finished.`;
  const freed = `Freed ${formatBytes(e.freedBytes)} (${files(e.freedFiles)}).`;
  if (e.keptFiles === 0) return freed;
  return `${freed} Kept ${kept} that ${inUse}; empty the cache again once it has finished.`;
}
