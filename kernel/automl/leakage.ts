/**
 * Checks that run before the search, on a sample of the training rows, for columns a model should
 * not see: identifiers (unique per row, or id-like names with many values), columns that predict the
 * target almost perfectly on their own (usually recorded after the outcome), and columns whose
 * missingness is decided by the target (a delivery date that exists only for delivered orders).
 * Each flag carries the reason the user sees; the user can include a flagged column back.
 */
import { isMissing, labelOf, type ColumnProfile, type TaskKind } from './profile';
import { toTime } from './preprocessor';
import { Rng } from './rng';
import type { AutoMLTable, AutoMLValue } from './table';

export type ColumnFlag = 'leak' | 'post-outcome' | 'id';

export interface ColumnCheck {
  column: string;
  flag: ColumnFlag;
  reason: string;
}

const SAMPLE = 4000;
/** A single column is a leak when it reaches this accuracy (or R²) on held-out sample rows... */
const LEAK_SCORE = 0.99;
/** ...and removes at least this share of the errors the majority class (or the mean) makes. */
const LEAK_ERROR_CUT = 0.9;
/** A row's last-change time (`updated_at`, `modified`, `last_changed`): a state table rewrites it with the outcome. */
const LAST_CHANGE = /(^|_)(updated|modified|changed)(_|$)|^last_|_last_|lastmodified|updatedat/i;
const ID_NAME = /(^|[_\s.-])(id|uuid|guid)$|^(id|uuid|guid)([_\s.-]|$)|[a-z]Id$/;

export function isIdLikeName(name: string): boolean {
  return ID_NAME.test(name) || /^id$/i.test(name);
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/**
 * Flags for the feature columns in `profiles` (already typed on `rows`, the training rows whose
 * target is known). `allRows` is every row, to see whether a column is missing exactly where the
 * target is unknown.
 */
export function checkColumns(
  table: AutoMLTable,
  target: string,
  task: TaskKind,
  profiles: ColumnProfile[],
  rows: ArrayLike<number>,
  seed = 0,
): ColumnCheck[] {
  const tv = table.columns.find((c) => c.name === target)!.values as ArrayLike<AutoMLValue>;
  const rng = new Rng(seed + 7);
  const sample = rows.length > SAMPLE ? rng.sample(rows.length, SAMPLE).map((i) => rows[i]) : Array.from(rows);
  rng.shuffle(sample);
  const half = sample.length >> 1;
  const fitRows = sample.slice(0, half),
    evalRows = sample.slice(half);
  const y = (r: number) => (task === 'regression' ? Number(tv[r]) : labelOf(tv[r]));
  const targetUnknown = countMissing(tv, tv.length);
  const out: ColumnCheck[] = [];
  for (const p of profiles) {
    const values = table.columns.find((c) => c.name === p.name)!.values as ArrayLike<AutoMLValue>;
    if (p.kind === 'empty' || p.kind === 'constant') continue;
    if (p.kind === 'id') {
      out.push({ column: p.name, flag: 'id', reason: p.reason });
      continue;
    }
    const present = rows.length - p.missing;
    if (isIdLikeName(p.name) && p.distinct >= 20 && p.distinct > 0.05 * present) {
      out.push({ column: p.name, flag: 'id', reason: `identifier: an id-like name with ${p.distinct} distinct values in ${present} rows` });
      continue;
    }
    if (p.kind === 'datetime' && LAST_CHANGE.test(p.name)) {
      const why = `the time of the row's last change: written whenever ${target} changes, so known only after the outcome`;
      out.push({ column: p.name, flag: 'post-outcome', reason: why });
      continue;
    }
    const unknown = targetUnknown >= Math.max(1, 0.01 * tv.length) ? missingMatchesUnknownTarget(values, tv) : 0;
    if (unknown >= 0.99) {
      const why = `missing exactly where ${target} is unknown (${pct(unknown)} of rows agree): set only after the outcome`;
      out.push({ column: p.name, flag: 'post-outcome', reason: why });
      continue;
    }
    if (task !== 'regression' && p.missing > 0) {
      const why = missingnessByClass(values, sample, (r) => labelOf(tv[r]), target);
      if (why) {
        out.push({ column: p.name, flag: 'post-outcome', reason: why });
        continue;
      }
    }
    if (p.kind === 'text' || half < 20) continue;
    const key = keyOf(p, values, fitRows);
    const why = singleColumnLeak(key, fitRows, evalRows, y, task, target);
    if (why) out.push({ column: p.name, flag: 'leak', reason: why });
  }
  return out;
}

function countMissing(v: ArrayLike<AutoMLValue>, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) if (isMissing(v[i])) m++;
  return m;
}

/** Share of all rows where the column is missing exactly when the target is (0 when it never is missing). */
function missingMatchesUnknownTarget(values: ArrayLike<AutoMLValue>, tv: ArrayLike<AutoMLValue>): number {
  let agree = 0,
    bothMissing = 0;
  for (let i = 0; i < tv.length; i++) {
    const a = isMissing(values[i]),
      b = isMissing(tv[i]);
    if (a === b) agree++;
    if (a && b) bothMissing++;
  }
  return bothMissing ? agree / tv.length : 0;
}

/**
 * When whether the column is filled in is a function of the class (every class has it almost always or
 * almost never, and both kinds of class exist), the column was most likely written after the outcome.
 */
function missingnessByClass(values: ArrayLike<AutoMLValue>, sample: number[], label: (r: number) => string, target: string): string | null {
  const byClass = new Map<string, { n: number; missing: number }>();
  for (const r of sample) {
    const c = byClass.get(label(r)) ?? { n: 0, missing: 0 };
    c.n++;
    if (isMissing(values[r])) c.missing++;
    byClass.set(label(r), c);
  }
  const filled: string[] = [],
    empty: string[] = [];
  for (const [cls, c] of byClass) {
    const rate = c.missing / c.n;
    if (rate <= 0.01) filled.push(cls);
    else if (rate >= 0.99) empty.push(cls);
    else return null;
    // One or two rows of a class prove nothing either way.
    if (c.n < 5) return null;
  }
  if (!filled.length || !empty.length) return null;
  const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(' or ');
  return filled.length <= empty.length
    ? `filled in only when ${target} is ${list(filled)}: set after the outcome`
    : `missing only when ${target} is ${list(empty)}: set after the outcome`;
}

/** A grouping key per row: the value itself for categories, a quantile bin (learnt on `fitRows`) for numbers and dates. */
function keyOf(p: ColumnProfile, values: ArrayLike<AutoMLValue>, fitRows: number[]): (r: number) => string | number {
  const numeric = p.kind === 'numeric' || p.kind === 'numeric-string' || p.kind === 'datetime';
  if (!numeric) return (r) => (isMissing(values[r]) ? '\u0000missing' : labelOf(values[r] as AutoMLValue));
  const num = (r: number) => (p.kind === 'datetime' ? toTime(values[r]) : Number(values[r] ?? NaN));
  const xs = fitRows
    .map(num)
    .filter((x) => Number.isFinite(x))
    .sort((a, b) => a - b);
  const edges = [...new Set(Array.from({ length: 63 }, (_, i) => xs[Math.floor(((i + 1) * xs.length) / 64)]))].filter(
    (x) => x !== undefined,
  );
  return (r) => {
    const x = num(r);
    if (!Number.isFinite(x)) return -1;
    let lo = 0,
      hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/**
 * How well the column alone predicts the target on rows it did not learn from: the majority class
 * (or the mean) of its value or bin. Unseen values fall back to the overall majority (or mean), so a
 * column that is merely unique per row scores no better than the baseline.
 */
function singleColumnLeak(
  key: (r: number) => string | number,
  fitRows: number[],
  evalRows: number[],
  y: (r: number) => string | number,
  task: TaskKind,
  target: string,
): string | null {
  if (task === 'regression') {
    const groups = new Map<string | number, { s: number; n: number }>();
    let sum = 0;
    for (const r of fitRows) {
      const g = groups.get(key(r)) ?? { s: 0, n: 0 };
      g.s += y(r) as number;
      g.n++;
      groups.set(key(r), g);
      sum += y(r) as number;
    }
    const mean = sum / fitRows.length;
    let sse = 0,
      sst = 0;
    for (const r of evalRows) {
      const g = groups.get(key(r));
      const pred = g ? g.s / g.n : mean;
      sse += ((y(r) as number) - pred) ** 2;
      sst += ((y(r) as number) - mean) ** 2;
    }
    const r2 = sst > 0 ? 1 - sse / sst : 0;
    return r2 >= LEAK_SCORE ? `alone explains ${pct(r2)} of the variance of ${target} on held-out rows: likely derived from it` : null;
  }
  const groups = new Map<string | number, Map<string, number>>();
  const overall = new Map<string, number>();
  for (const r of fitRows) {
    const k = key(r),
      c = y(r) as string;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = new Map()));
    g.set(c, (g.get(c) ?? 0) + 1);
    overall.set(c, (overall.get(c) ?? 0) + 1);
  }
  const majority = (m: Map<string, number>) => [...m].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const top = majority(overall);
  const majorityOf = new Map([...groups].map(([k, g]) => [k, majority(g)]));
  let right = 0,
    base = 0;
  for (const r of evalRows) {
    if ((majorityOf.get(key(r)) ?? top) === y(r)) right++;
    if (top === y(r)) base++;
  }
  const acc = right / evalRows.length,
    baseAcc = base / evalRows.length;
  if (acc < LEAK_SCORE || 1 - acc > (1 - LEAK_ERROR_CUT) * (1 - baseAcc)) return null;
  return `alone predicts ${target} with ${pct(acc)} accuracy on held-out rows (the most common class alone: ${pct(baseAcc)}): likely recorded after the outcome`;
}
