/**
 * Splits a table into regular series, one per combination of key values: rows are placed on the
 * detected calendar step, values that share a period are summed (daily sales from many orders), and
 * missing periods are filled explicitly by linear interpolation between their neighbours, counted
 * so the result can say how many were filled.
 */
import { AutoMLError } from '../AutoMLError';
import type { AutoMLTable, AutoMLValue } from '../table';
import { detectPeriod, periodIndex, toMillis, type Period } from './period';

export interface Series {
  /** Key column values of this series, in the order of `keys`. */
  key: AutoMLValue[];
  /** Period index of y[0]. */
  start: number;
  y: Float64Array;
  /** Periods that had no row and were interpolated. */
  filled: number;
}

export interface PreparedSeries {
  period: Period;
  /** For weekly series: the day weeks are counted from. */
  anchorDay: number;
  series: Series[];
}

export function prepareSeries(table: AutoMLTable, time: string, target: string, keys: string[]): PreparedSeries {
  const col = (name: string, role: string) => {
    const c = table.columns.find((x) => x.name === name);
    if (!c) {
      const names = table.columns.map((x) => x.name).join(', ');
      throw new AutoMLError(`automl.forecast: no ${role} column "${name}" in the table (its columns: ${names}).`);
    }
    return c.values as ArrayLike<AutoMLValue>;
  };
  const times = col(time, 'time');
  const ys = col(target, 'target');
  const keyCols = keys.map((k) => col(k, 'key'));
  const n = times.length;
  if (n === 0) throw new AutoMLError('automl.forecast: the table has no rows.');

  const millis: number[] = [];
  const rows: number[] = [];
  let badTimes = 0;
  for (let i = 0; i < n; i++) {
    const t = toMillis(times[i]);
    if (Number.isNaN(t)) badTimes++;
    else {
      millis.push(t);
      rows.push(i);
    }
  }
  if (millis.length === 0) {
    throw new AutoMLError(
      `automl.forecast: the time column "${time}" holds no dates or timestamps (first value: ${JSON.stringify(String(times[0]))}).`,
    );
  }
  if (badTimes > 0)
    throw new AutoMLError(`automl.forecast: ${badTimes} rows have no readable time in "${time}"; filter or fix them first.`);
  const numeric = (v: AutoMLValue): number => (v === null ? NaN : typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN);
  for (const i of rows) {
    const v = ys[i];
    if (v !== null && typeof v !== 'number' && typeof v !== 'bigint') {
      throw new AutoMLError(`automl.forecast: the target "${target}" must be numeric; row ${i + 1} holds ${JSON.stringify(String(v))}.`);
    }
  }

  const period = detectPeriod(millis, time);
  // A loop, not Math.min(...millis): spreading a few hundred thousand rows overflows the call stack.
  let first = Infinity;
  for (const t of millis) if (t < first) first = t;
  const anchorDay = Math.floor(first / 86_400_000);
  const groups = new Map<string, { key: AutoMLValue[]; sums: Map<number, number> }>();
  rows.forEach((i, j) => {
    const key = keyCols.map((c) => c[i]);
    const id = JSON.stringify(key.map((k) => (k instanceof Date ? k.toISOString() : typeof k === 'bigint' ? String(k) : k)));
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key, sums: new Map() }));
    const p = periodIndex(millis[j], period, anchorDay);
    const v = numeric(ys[i]);
    if (Number.isNaN(v)) return; // a null target is a gap, filled below like a missing row
    g.sums.set(p, (g.sums.get(p) ?? 0) + v);
  });

  const series: Series[] = [];
  for (const g of groups.values()) {
    if (g.sums.size === 0) continue;
    const idx = [...g.sums.keys()].sort((a, b) => a - b);
    const start = idx[0];
    const y = new Float64Array(idx[idx.length - 1] - start + 1).fill(NaN);
    for (const p of idx) y[p - start] = g.sums.get(p)!;
    series.push({ key: g.key, start, y, filled: fillGaps(y) });
  }
  // In key order, so the rows and the chart do not depend on the order the source happened to have.
  series.sort((a, b) => compareKeys(a.key, b.key));
  if (series.length === 0) throw new AutoMLError(`automl.forecast: the target "${target}" has no values.`);
  return { period, anchorDay, series };
}

function compareKeys(a: AutoMLValue[], b: AutoMLValue[]): number {
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i], b[i]];
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    const c =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x instanceof Date ? x.getTime() : x).localeCompare(String(y instanceof Date ? y.getTime() : y));
    if (c !== 0) return c;
  }
  return 0;
}

/** Linear interpolation across each run of NaN (the ends never are: a series starts and ends observed). */
export function fillGaps(y: Float64Array): number {
  let filled = 0;
  for (let i = 0; i < y.length; i++) {
    if (!Number.isNaN(y[i])) continue;
    let j = i;
    while (j < y.length && Number.isNaN(y[j])) j++;
    const a = y[i - 1],
      b = y[j];
    for (let k = i; k < j; k++) y[k] = a + ((b - a) * (k - i + 1)) / (j - i + 1);
    filled += j - i;
    i = j;
  }
  return filled;
}
