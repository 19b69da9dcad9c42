/**
 * The Storage settings: the shared-table download cache (where it is, what it holds, its limit) and
 * emptying it. The limit is kept in the same settings.json as the network settings.
 */
import * as s from '../../common/schema';

export const STORAGE_PARAMS = {
  'settings.storage': s.object({}),
  /** `cacheMax`: a size such as "20GB" or "500 MB"; empty: as SILT_CACHE_MAX or the default says. */
  'settings.setStorage': s.object({ cacheMax: s.string() }),
  'storage.emptyCache': s.object({}),
};

type In<K extends keyof typeof STORAGE_PARAMS> = s.Infer<(typeof STORAGE_PARAMS)[K]>;

export interface StorageView {
  /** The cache folder every notebook's session shares. */
  cacheDir: string;
  /** What it holds now, measured from disk (complete files only). */
  usedBytes: number;
  usedFiles: number;
  /** The limit in effect and where it comes from. */
  limitBytes: number;
  limitSource: 'settings' | 'environment' | 'default';
  /** The limit as written in the settings, if set there. */
  setting?: string;
  /** SILT_CACHE_MAX, if set. */
  fromEnvironment?: string;
  /** Why the settings file's limit was passed over (a damaged file), or SILT_CACHE_MAX cannot be read. */
  problem?: string;
  /** Where the limit is kept. */
  file: string;
}

export interface EmptyCacheResult {
  freedBytes: number;
  freedFiles: number;
  /** Files a running statement reads, left in place. */
  keptBytes: number;
  keptFiles: number;
  /** One sentence for the window: what was freed, and what was kept and why. */
  message: string;
  view: StorageView;
}

export interface StorageRequests {
  'settings.storage': { params: In<'settings.storage'>; result: StorageView };
  /** Checks and saves the cache limit; it applies to every session at its next download. */
  'settings.setStorage': { params: In<'settings.setStorage'>; result: StorageView };
  /** Removes the cache's files that no running statement reads. */
  'storage.emptyCache': { params: In<'storage.emptyCache'>; result: EmptyCacheResult };
}
