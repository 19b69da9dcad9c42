/**
 * Silt's settings file (`settings.json`) as a JSON object, for the parts that read their own section
 * of it (network, storage): {} when there is no file; a damaged file is a `corrupt` error naming it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SiltError } from '../../common/SiltError';

export function readSettingsJson(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SiltError('corrupt', `Silt's settings file ${file} cannot be read as JSON: ${(e as Error).message}`, { cause: e });
  }
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}
