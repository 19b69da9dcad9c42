/**
 * The storage part of Silt's settings file (`settings.json`, path in SILT_SETTINGS_FILE, beside the
 * network part of kernel/net/networkSettings.ts): `{"storage": {"cacheMax": "20GB"}}`, the limit of
 * the shared-table download cache. Kept as the user wrote it, so the dialog shows it back as typed.
 */
import { readSettingsJson } from '../../net/readSettingsJson';

export interface CacheSettings {
  cacheMax?: string;
}

export function readCacheSettings(file: string): CacheSettings {
  const storage = readSettingsJson(file).storage;
  if (typeof storage !== 'object' || storage === null) return {};
  const v = (storage as Record<string, unknown>).cacheMax;
  return typeof v === 'string' && v.trim() ? { cacheMax: v.trim() } : {};
}

/**
 * The settings file's new text with this cache limit (none: the environment's or the default), the
 * rest of the file kept. `check` refuses a size it cannot read before anything is written; a damaged
 * file is refused too rather than overwritten, as the network settings do.
 */
export function cacheSettingsFileText(file: string, cacheMax: string | undefined, check: (text: string) => void): string {
  const json = readSettingsJson(file);
  const text = cacheMax?.trim() || undefined;
  if (text !== undefined) check(text);
  const storage = { ...(typeof json.storage === 'object' && json.storage !== null ? json.storage : {}), cacheMax: text };
  return JSON.stringify({ ...json, storage: JSON.parse(JSON.stringify(storage)) }, null, 2) + '\n';
}
