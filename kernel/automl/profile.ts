/**
 * Semantic typing of every column and of the task, computed on the training rows only. Each decision
 * carries a human-readable reason so the UI can show why a column was used, expanded or dropped.
 */
import type { AutoMLTable, AutoMLValue } from './table';
import { AutoMLError } from './AutoMLError';

export type TaskKind = 'binary' | 'multiclass' | 'regression';
export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'numeric-string' | 'id' | 'text' | 'constant' | 'empty';

export interface ColumnProfile {
  name: string;
  kind: ColumnKind;
  /** Whether the column feeds the models. */
  used: boolean;
  reason: string;
  missing: number;
  distinct: number;
  /** Set when a check before the search flagged the column (see leakage.ts). */
  flag?: 'leak' | 'post-outcome' | 'id';
  /** The user left it out (`exclude`) or asked for it despite a flag (`include`). */
  excluded?: boolean;
  included?: boolean;
}

export interface DataProfile {
  target: string;
  task: TaskKind;
  taskReason: string;
  rows: number;
  /** Class labels in the scorer's order (numeric labels numerically, then strings). */
  classes: string[];
  classCounts: number[];
  columns: ColumnProfile[];
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const BOOL_STRINGS = new Set(['true', 'false', 'yes', 'no', 't', 'f', 'y', 'n']);

export function isMissing(v: AutoMLValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) || v === '';
}

/** The label of a target value as it appears in the CSV (1.0 and 1 are the same class "1"). */
export function labelOf(v: AutoMLValue): string {
  if (typeof v === 'number' || typeof v === 'bigint') return String(Number(v));
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

export function compareLabels(a: string, b: string): number {
  const na = Number(a),
    nb = Number(b);
  const an = a.trim() !== '' && Number.isFinite(na),
    bn = b.trim() !== '' && Number.isFinite(nb);
  if (an && bn) return na - nb;
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function profileColumn(name: string, values: ArrayLike<AutoMLValue>, rows: ArrayLike<number>): ColumnProfile {
  const n = rows.length;
  let missing = 0,
    numbers = 0,
    strings = 0,
    bools = 0,
    dates = 0,
    numericStrings = 0,
    dateStrings = 0,
    integers = 0;
  let totalLen = 0,
    withSpace = 0;
  const distinct = new Set<string | number>();
  for (let i = 0; i < n; i++) {
    const v = values[rows[i]];
    if (isMissing(v)) {
      missing++;
      continue;
    }
    if (typeof v === 'number' || typeof v === 'bigint') {
      const x = Number(v);
      numbers++;
      if (Number.isInteger(x)) integers++;
      distinct.add(x);
    } else if (typeof v === 'boolean') {
      bools++;
      distinct.add(String(v));
    } else if (v instanceof Date) {
      dates++;
      distinct.add(v.getTime());
    } else {
      const s = String(v);
      strings++;
      distinct.add(s);
      totalLen += s.length;
      if (/\s/.test(s.trim())) withSpace++;
      if (s.trim() !== '' && Number.isFinite(Number(s))) numericStrings++;
      else if (DATE_RE.test(s.trim())) dateStrings++;
    }
  }
  const present = n - missing;
  const d = distinct.size;
  const base = { name, missing, distinct: d };
  if (present === 0) return { ...base, kind: 'empty', used: false, reason: 'every value is missing' };
  if (d === 1) return { ...base, kind: 'constant', used: false, reason: 'a single value: carries no information' };
  if (bools === present) return { ...base, kind: 'boolean', used: true, reason: 'true/false values' };
  if (dates === present || (strings === present && dateStrings >= 0.95 * present))
    return { ...base, kind: 'datetime', used: true, reason: 'dates: expanded to year, month, day, weekday, hour and a time index' };
  if (numbers === present) {
    const sortedInts = integers === present && d === present;
    if (sortedInts && present > 20) {
      let lo = Infinity,
        hi = -Infinity;
      for (const x of distinct) {
        lo = Math.min(lo, x as number);
        hi = Math.max(hi, x as number);
      }
      if (hi - lo + 1 <= 1.5 * present)
        return { ...base, kind: 'id', used: false, reason: 'unique integers densely covering a range: a row id' };
    }
    return { ...base, kind: 'numeric', used: true, reason: d === 2 ? 'numeric with two values' : 'numeric' };
  }
  if (strings === present && numericStrings >= 0.95 * present)
    return {
      ...base,
      kind: 'numeric-string',
      used: true,
      reason: 'text holding numbers: parsed as numeric (unparsable values become missing)',
    };
  if (strings === present && d === 2 && [...distinct].every((s) => BOOL_STRINGS.has(String(s).toLowerCase())))
    return { ...base, kind: 'boolean', used: true, reason: 'two yes/no-like values' };
  if (d > 20 && d > 0.5 * present) {
    const avgLen = totalLen / Math.max(1, strings);
    const text = withSpace > 0.5 * strings || avgLen > 30;
    return text
      ? { ...base, kind: 'text', used: false, reason: `free text (${d} distinct values in ${present} rows): not modelled` }
      : { ...base, kind: 'id', used: false, reason: `identifier-like (${d} distinct values in ${present} rows)` };
  }
  return { ...base, kind: 'categorical', used: true, reason: `${d} categories` };
}

export function profileTable(table: AutoMLTable, target: string, rows: ArrayLike<number>, task?: TaskKind): DataProfile {
  const targetCol = table.columns.find((c) => c.name === target);
  if (!targetCol)
    throw new AutoMLError(`Target column "${target}" is not in the table (columns: ${table.columns.map((c) => c.name).join(', ')}).`);
  if (rows.length < 2) throw new AutoMLError(`Need at least 2 rows to train; got ${rows.length}.`);
  const tv = targetCol.values;
  const labels: string[] = [];
  let nonNumeric = 0,
    nonInteger = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = tv[rows[i]];
    if (isMissing(v)) continue;
    labels.push(labelOf(v));
    if (typeof v === 'number' || typeof v === 'bigint') {
      if (!Number.isInteger(Number(v))) nonInteger++;
    } else if (!(typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)))) nonNumeric++;
  }
  if (labels.length < 2) throw new AutoMLError(`Target "${target}" has fewer than 2 non-missing values.`);
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  if (counts.size < 2) throw new AutoMLError(`Target "${target}" is constant (only "${labels[0]}"): there is nothing to predict.`);
  let taskReason: string;
  if (task) {
    taskReason = 'given';
    if (task === 'regression' && nonNumeric > 0)
      throw new AutoMLError(`Target "${target}" holds text values, so it cannot be used for regression.`);
    if (task === 'binary' && counts.size !== 2)
      throw new AutoMLError(`A binary task needs exactly 2 classes in "${target}"; found ${counts.size}.`);
  } else if (nonNumeric > 0 || counts.size === 2) {
    task = counts.size === 2 ? 'binary' : 'multiclass';
    taskReason = counts.size === 2 ? 'two distinct target values' : 'text target values';
  } else if (nonInteger === 0 && counts.size <= 10) {
    task = 'multiclass';
    taskReason = `${counts.size} distinct integer target values`;
  } else {
    task = 'regression';
    taskReason = `numeric target with ${counts.size} distinct values`;
  }
  const classes = task === 'regression' ? [] : [...counts.keys()].sort(compareLabels);
  const columns = table.columns
    .filter((c) => c.name !== target)
    .map((c) => profileColumn(c.name, c.values as ArrayLike<AutoMLValue>, rows));
  return { target, task, taskReason, rows: rows.length, classes, classCounts: classes.map((c) => counts.get(c)!), columns };
}
