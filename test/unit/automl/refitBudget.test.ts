/**
 * The time kept for the refit on all rows: a trial is given an end such that, if it turns out best,
 * its refit (measured as its share of the trial's cost, with the margin) still ends by the deadline,
 * and no later end would allow that.
 */
import { describe, expect, it } from 'vitest';
import { REFIT_MARGIN, refitCap, refitShare } from '../../../kernel/automl/refitBudget';
import { Rng } from '../../../kernel/automl/rng';
import { makePlan } from '../../../kernel/automl/validation';

const holdout = makePlan(
  new Float64Array(20_000).map((_, i) => i % 7),
  0,
  new Rng(1),
);
const cv = makePlan(
  new Float64Array(1_000).map((_, i) => i % 2),
  2,
  new Rng(1),
);

describe('refitShare and refitCap', () => {
  it('a holdout refit costs 1.25 of a trial (all rows over 80 %), a 5-fold one 0.25 (one fit of five)', () => {
    expect(holdout.kind).toBe('holdout');
    expect(refitShare(holdout)).toBeCloseTo(1.25, 3);
    expect(cv.kind).toBe('cv');
    expect(refitShare(cv)).toBeCloseTo(0.25, 3);
  });

  it('a trial that runs to its cap and turns out best is refit by the deadline; one second longer is not', () => {
    const deadline = 60_000;
    for (const plan of [holdout, cv]) {
      const r = REFIT_MARGIN * refitShare(plan);
      for (const now of [0, 10_000, 30_000, 45_000, 59_000]) {
        const end = refitCap(plan, now, deadline);
        expect(end).toBeGreaterThan(now);
        expect(end + r * (end - now)).toBeCloseTo(deadline, 6);
        expect(end + 1000 + r * (end + 1000 - now)).toBeGreaterThan(deadline);
      }
    }
    // At the start a holdout trial may take 40 % of the budget, late in it much less.
    expect(refitCap(holdout, 0, 60_000)).toBeCloseTo(24_000, 0);
    expect(refitCap(holdout, 50_000, 60_000) - 50_000).toBeCloseTo(4_000, 0);
  });
});
