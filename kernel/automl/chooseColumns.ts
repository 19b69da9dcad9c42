/**
 * Which columns feed the models: the profile's own decisions, then the leakage checks (flagged
 * columns are left out with their reason), then the user's `exclude` / `include` lists, which win.
 */
import { AutoMLError } from './AutoMLError';
import { checkColumns, type ColumnFlag } from './leakage';
import { isMissing, type ColumnProfile, type DataProfile } from './profile';
import type { AutoMLTable, AutoMLValue } from './table';

export interface ColumnChoice {
  /** Columns never used, whatever the checks say. */
  exclude?: string[];
  /** Columns used even when a check flagged them (a leak, an identifier, ...). */
  include?: string[];
}

export function assertColumnsExist(table: AutoMLTable, names: string[] | undefined, option: string): void {
  for (const name of names ?? [])
    if (!table.columns.some((c) => c.name === name)) throw new AutoMLError(`Column "${name}" in ${option} is not in the table.`);
}

/** The profile with the checks and the user's choice applied (flags are kept on every column they hit). */
export function chooseColumns(
  table: AutoMLTable,
  profile: DataProfile,
  rows: ArrayLike<number>,
  choice: ColumnChoice = {},
  seed = 0,
): DataProfile {
  assertColumnsExist(table, choice.exclude, 'exclude');
  assertColumnsExist(table, choice.include, 'include');
  const both = (choice.exclude ?? []).find((c) => choice.include?.includes(c));
  if (both) throw new AutoMLError(`Column "${both}" is both in exclude and in include.`);
  const candidates = profile.columns.filter((c) => c.used || c.kind === 'id' || c.kind === 'text');
  const flags = new Map(checkColumns(table, profile.target, profile.task, candidates, rows, seed).map((f) => [f.column, f]));
  const columns = profile.columns.map((c): ColumnProfile => {
    const f = flags.get(c.name);
    const flagged: ColumnProfile = f ? { ...c, used: false, flag: f.flag, reason: f.reason } : c;
    if (choice.exclude?.includes(c.name))
      return { ...flagged, used: false, excluded: true, reason: `excluded by you${f ? ` (also: ${f.reason})` : ''}` };
    if (choice.include?.includes(c.name) && !flagged.used)
      return includeBack(flagged, table.columns.find((t) => t.name === c.name)!.values);
    return flagged;
  });
  return { ...profile, columns };
}

/** The profile using exactly `features` (as a generated notebook names them), whatever the checks would say. */
export function useOnly(table: AutoMLTable, profile: DataProfile, features: string[]): DataProfile {
  assertColumnsExist(table, features, 'features');
  const columns = profile.columns.map((c) => {
    if (!features.includes(c.name)) return { ...c, used: false, reason: 'not among the chosen features' };
    return c.used ? c : includeBack(c, table.columns.find((t) => t.name === c.name)!.values);
  });
  return { ...profile, columns };
}

/** A column the user asked for: identifiers become categories (strings) or numbers; empty or constant ones stay out. */
function includeBack(c: ColumnProfile, values: ArrayLike<AutoMLValue>): ColumnProfile {
  if (c.kind === 'empty' || c.kind === 'constant') return c;
  let numbers = true;
  for (let i = 0; i < values.length && numbers; i++) if (!isMissing(values[i]) && typeof values[i] !== 'number') numbers = false;
  const kind = c.kind === 'id' || c.kind === 'text' ? (numbers ? 'numeric' : 'categorical') : c.kind;
  return { ...c, kind, used: true, included: true, reason: `included by you although ${c.reason}` };
}

export type { ColumnFlag };
