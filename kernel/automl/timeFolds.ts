/**
 * Time-aware validation plans: rolling-origin folds with an expanding window. Rows are ordered by
 * time (missing times count as the oldest); each fold validates on one slice of consecutive times
 * and trains only on the rows older than that slice, so nothing is ever shuffled across time. The
 * last fold's slice is the newest rows, the one a single time holdout would use.
 */
import { AutoMLError } from './AutoMLError';
import type { ValidationPlan } from './validation';

/** Share of the rows each fold validates on; the last fold's slice is the newest rows. */
export const TIME_VALID_FRACTION = 0.2;
/** Rolling folds when the data has enough rows and distinct times for them. */
export const TIME_FOLDS = 3;
/** A fold needs at least this many training rows, and validation rows, to say anything. */
const MIN_FOLD_TRAIN = 20;
const MIN_FOLD_VALID = 5;

/** Positions 0..n-1 in time order (missing = oldest; ties keep row order) and the time at each position. */
function timeOrder(time: Float64Array): { order: number[]; at: (pos: number) => number } {
  const t = (i: number) => (Number.isNaN(time[i]) ? -Infinity : time[i]);
  const order = Array.from({ length: time.length }, (_, i) => i).sort((a, b) => t(a) - t(b) || a - b);
  return { order, at: (pos) => t(order[pos]) };
}

/** The first position of the rows at the time at `pos`: every row of the cut-off time goes to the newer side. */
function cutBefore(pos: number, at: (pos: number) => number): number {
  const cutTime = at(pos);
  while (pos > 0 && at(pos - 1) === cutTime) pos--;
  return pos;
}

const rowsOf = (order: number[], from: number, to: number) => Uint32Array.from(order.slice(from, to)).sort();

/**
 * One split: the newest `fraction` of the rows (all rows at the cut-off time included) against the
 * older rest. Used for a generated notebook's holdout.
 */
export function newestSlice(time: Float64Array, fraction = TIME_VALID_FRACTION): { train: Uint32Array; valid: Uint32Array } {
  const n = time.length;
  const { order, at } = timeOrder(time);
  const cut = cutBefore(Math.max(1, Math.min(n - 1, Math.round(n * (1 - fraction)))), at);
  if (cut === 0) throw new AutoMLError('Every row has the same time: a time split needs at least two distinct times.');
  return { train: rowsOf(order, 0, cut), valid: rowsOf(order, cut, n) };
}

/**
 * Up to `folds` rolling-origin folds: fold j (oldest first) validates on the slice between its cut and
 * the next fold's cut, and trains on every row before its cut. Cuts sit at 1 - 0.2·k of the rows
 * (k = folds..1), moved back to the first row of their time; a fold whose training or validation
 * rows would be too few is dropped, and the newest fold always stays.
 */
export function makeTimePlan(time: Float64Array, folds = TIME_FOLDS): ValidationPlan {
  const n = time.length;
  const { order, at } = timeOrder(time);
  const newest = cutBefore(Math.max(1, Math.min(n - 1, Math.round(n * (1 - TIME_VALID_FRACTION)))), at);
  if (newest === 0) throw new AutoMLError('Every row has the same time: a time split needs at least two distinct times.');
  const cuts = [newest];
  for (let k = 2; k <= folds; k++) {
    const cut = cutBefore(Math.max(1, Math.round(n * (1 - TIME_VALID_FRACTION * k))), at);
    if (cut < MIN_FOLD_TRAIN) break;
    // A long run of one time can swallow a slice: the next older cut may still make a fold.
    if (cuts[0] - cut >= MIN_FOLD_VALID) cuts.unshift(cut);
  }
  const plan = cuts.map((cut, j) => ({ train: rowsOf(order, 0, cut), valid: rowsOf(order, cut, cuts[j + 1] ?? n) }));
  return { kind: 'time', folds: plan, evalRows: Uint32Array.from(plan.flatMap((f) => Array.from(f.valid))) };
}
