/**
 * The storage part of Silt's settings file (`settings.json`, path in SILT_SETTINGS_FILE, beside the
 * network part of kernel/net/networkSettings.ts): `{"storage": {"cacheMax": "20GB"}}`, the limit of
 * the shared-table download cache. Kept as the user wrote it, so the dialog shows it back as typed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SiltError } from '../../../common/SiltError';

export interface CacheSettings {
  cacheMax?: string;
}

/** The file's JSON object ({} when there is no file); a damaged file is a `corrupt` error naming it. */
function readSettingsJson(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SiltError('corrupt', `Silt's settings file ${file} cannot be read as JSON: ${(e as Error).message}`, { cause: e });
  }
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
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
