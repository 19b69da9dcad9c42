/**
 * Validation plans: stratified k-fold for small data, one stratified 80/20 holdout for large data
 * (rolling time folds, when the rows have a time, are in timeFolds.ts).
 */
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
