/**
 * Validation plans: stratified k-fold for small data, one stratified 80/20 holdout for large data, and,
 * when the rows have a time, one holdout of the most recent rows (trained on the past only).
 */
import { AutoMLError } from './AutoMLError';
import type { Rng } from './rng';

export interface ValidationPlan {
  kind: 'cv' | 'holdout' | 'time';
  folds: { train: Uint32Array; valid: Uint32Array }[];
  /** Rows whose out-of-fold predictions are scored, in the order predictions are stored. */
  evalRows: Uint32Array;
}

export const CV_MAX_ROWS = 5000;

/** Rows 0..n-1 shuffled within each class (or all together for regression) and dealt into k groups. */
function deal(y: Float64Array, C: number, k: number, rng: Rng): number[][] {
  const groups: number[][] = Array.from({ length: k }, () => []);
  const byClass: number[][] = C > 0 ? Array.from({ length: C }, () => []) : [[]];
  for (let i = 0; i < y.length; i++) byClass[C > 0 ? y[i] : 0].push(i);
  let g = 0;
  for (const rows of byClass) {
    rng.shuffle(rows);
    for (const r of rows) {
      groups[g].push(r);
      g = (g + 1) % k;
    }
  }
  return groups.map((a) => a.sort((p, q) => p - q));
}

export function makePlan(y: Float64Array, C: number, rng: Rng): ValidationPlan {
  const n = y.length;
  if (n < CV_MAX_ROWS) {
    const k = Math.min(5, n);
    const groups = deal(y, C, k, rng);
    const folds = groups.map((valid, f) => ({
      train: Uint32Array.from(groups.filter((_, j) => j !== f).flat()),
      valid: Uint32Array.from(valid),
    }));
    return { kind: 'cv', folds, evalRows: Uint32Array.from(folds.flatMap((f) => Array.from(f.valid))) };
  }
  const groups = deal(y, C, 5, rng);
  const valid = Uint32Array.from(groups[0]);
  const train = Uint32Array.from(
    groups
      .slice(1)
      .flat()
      .sort((a, b) => a - b),
  );
  return { kind: 'holdout', folds: [{ train, valid }], evalRows: valid };
}

/** Share of the rows (the most recent ones) a time split validates on. */
export const TIME_VALID_FRACTION = 0.2;

/**
 * Train on the past, validate on the most recent rows: rows sorted by `time` (missing times count as
 * the oldest), and every row at the cut-off time goes to validation, so no training row is newer than
 * (or as new as) any validation row.
 */
export function makeTimePlan(time: Float64Array): ValidationPlan {
  const n = time.length;
  const t = (i: number) => (Number.isNaN(time[i]) ? -Infinity : time[i]);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => t(a) - t(b) || a - b);
  let cut = Math.max(1, Math.min(n - 1, Math.round(n * (1 - TIME_VALID_FRACTION))));
  const cutTime = t(order[cut]);
  while (cut > 0 && t(order[cut - 1]) === cutTime) cut--;
  if (cut === 0) throw new AutoMLError('Every row has the same time: a time split needs at least two distinct times.');
  const train = Uint32Array.from(order.slice(0, cut)).sort();
  const valid = Uint32Array.from(order.slice(cut)).sort();
  return { kind: 'time', folds: [{ train, valid }], evalRows: valid };
}
