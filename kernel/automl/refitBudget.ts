/**
 * The time a search keeps for refitting on all rows. A refit replaces a model trained on part of the
 * rows (80 % for a holdout) by one trained on all of them, which is what the analyst is given; a
 * search that spends that time on one more trial hands over the weaker model.
 */
import type { ValidationPlan } from './validation';

/**
 * What a refit on every row costs as a share of a trial's training time: all rows over the rows the
 * trial trained on, summed over its folds (1.25 for an 80/20 holdout, 0.25 for 5-fold CV, less than 1 for rolling time folds).
 */
export function refitShare(plan: ValidationPlan): number {
  const last = plan.folds[plan.folds.length - 1];
  const trained = plan.folds.reduce((s, f) => s + f.train.length, 0);
  return (last.train.length + last.valid.length) / Math.max(1, trained);
}

/** Margin on a refit's measured cost (it runs beside other refits, and on more rows). */
export const REFIT_MARGIN = 1.2;

/**
 * The latest end for a trial starting at `now` (ms) such that, if it turns out best, its refit still
 * ends by `deadline`: end + r·(end − now) ≤ deadline, r being the refit's share of the trial's cost.
 * The reserve for the best trial known when a trial starts does not cover this: a slow trial that
 * finished best late in a search was otherwise kept as trained on 80 % of the rows.
 */
export function refitCap(plan: ValidationPlan, now: number, deadline: number): number {
  const r = REFIT_MARGIN * refitShare(plan);
  return (deadline + r * now) / (1 + r);
}
