/** The Storage settings' words for what the kernel measured: pure, so they are tested apart from the page. */
import { formatBytes } from '../../common/formatBytes';
import type { StorageView } from '../../kernel/protocol';

/** "12.3 MB in 8 files" */
export function usedText(v: Pick<StorageView, 'usedBytes' | 'usedFiles'>): string {
  return `${formatBytes(v.usedBytes)} in ${v.usedFiles} file${v.usedFiles === 1 ? '' : 's'}`;
}

/** The limit and where it comes from: set here, SILT_CACHE_MAX, or the default and how it is computed. */
export function limitText(v: Pick<StorageView, 'limitBytes' | 'limitSource' | 'setting' | 'fromEnvironment'>): string {
  const bytes = formatBytes(v.limitBytes);
  if (v.limitSource === 'settings') return `${bytes}, set here (${v.setting})`;
  if (v.limitSource === 'environment') return `${bytes}, from SILT_CACHE_MAX (${v.fromEnvironment})`;
  return `${bytes} by default: half of the disk's free space plus what the cache holds, at least 1 GB`;
}

/** How full the cache is, 0 to 1 (over the limit, as a running statement may keep it, shows full). */
export function fullness(v: Pick<StorageView, 'usedBytes' | 'limitBytes'>): number {
  return v.limitBytes > 0 ? Math.min(1, v.usedBytes / v.limitBytes) : 0;
}
