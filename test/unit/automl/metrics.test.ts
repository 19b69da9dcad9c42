import { describe, expect, it } from 'vitest';
import {
  accuracy,
  balancedAccuracy,
  confusionMatrix,
  logLoss,
  mae,
  precisionRecallF1,
  r2,
  rmse,
  rocAuc,
  rocCurve,
} from '../../../kernel/automl/metrics';

describe('metrics on hand-computed cases', () => {
  it('ROC AUC counts correctly ordered pairs, ties as half', () => {
    // Pairs (neg, pos): (0.1,0.35) ok, (0.1,0.8) ok, (0.4,0.35) wrong, (0.4,0.8) ok -> 3/4.
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
    // One tie between a negative and a positive -> 0.5 credit: (1 + 0.5) / 2.
    expect(rocAuc([0, 1, 0, 1], [0.2, 0.5, 0.5, 0.9])).toBeCloseTo((1 + 1 + 1 + 0.5) / 4, 12);
  });

  it('ROC curve ends at (1,1) and starts at (0,0)', () => {
    const c = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(c[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(c[c.length - 1]).toMatchObject({ fpr: 1, tpr: 1 });
  });

  it('log loss clips at 1e-15 and averages -ln p(true class)', () => {
    const p = [0.8, 0.2, 0.3, 0.7];
    expect(logLoss([0, 1], p, 2)).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12);
    expect(logLoss([1], [1, 0], 2)).toBeCloseTo(-Math.log(1e-15), 8);
  });

  it('regression metrics', () => {
    const y = [1, 2, 3, 4],
      p = [1, 2, 3, 6];
    expect(rmse(y, p)).toBeCloseTo(1, 12); // sqrt(4/4)
    expect(mae(y, p)).toBeCloseTo(0.5, 12);
    expect(r2(y, p)).toBeCloseTo(1 - 4 / 5, 12); // SST = 2.25+0.25+0.25+2.25
  });

  it('classification counts', () => {
    const y = [0, 0, 1, 1, 1],
      p = [0, 1, 1, 1, 0];
    expect(accuracy(y, p)).toBeCloseTo(0.6, 12);
    expect(confusionMatrix(y, p, 2)).toEqual([
      [1, 1],
      [1, 2],
    ]);
    const m = precisionRecallF1(y, p, 1);
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
    expect(balancedAccuracy(y, p, 2)).toBeCloseTo((0.5 + 2 / 3) / 2, 12);
  });
});
