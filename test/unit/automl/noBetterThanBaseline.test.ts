import { describe, expect, it } from 'vitest';
import { noBetterThanBaseline } from '../../../kernel/automl/noBetterThanBaseline';

const classes = ['delivered', 'shipped'];
// 10 rows: 7 delivered (class 0), 3 shipped.
const y = Float64Array.from([0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
const probs = (p: number[]) => Float64Array.from(p.flatMap((q) => [1 - q, q]));

describe('noBetterThanBaseline', () => {
  it('names the one class a model answers for every row', () => {
    const w = noBetterThanBaseline({
      task: 'binary',
      metric: 'roc_auc',
      classes,
      y,
      outputs: probs(Array(10).fill(0.3)),
      score: 0.5,
      baselineScore: 0.5,
    });
    expect(w).toEqual([
      {
        code: 'predicts-one-class',
        text: 'The model predicts “delivered” for every row: it has not learned to tell the classes apart from these columns; its accuracy (70 %) is that of always answering “delivered”.',
      },
    ]);
  });

  it('says nothing when the one class is nearly all the rows, or when the model beats the baseline', () => {
    const y96 = Float64Array.from({ length: 100 }, (_, i) => (i < 96 ? 0 : 1));
    const out = probs(Array(100).fill(0.1));
    expect(
      noBetterThanBaseline({ task: 'binary', metric: 'roc_auc', classes, y: y96, outputs: out, score: 0.8, baselineScore: 0.5 }),
    ).toEqual([]);
    const mixed = probs([0.1, 0.2, 0.1, 0.3, 0.2, 0.1, 0.6, 0.7, 0.8, 0.9]);
    expect(
      noBetterThanBaseline({ task: 'binary', metric: 'roc_auc', classes, y, outputs: mixed, score: 0.95, baselineScore: 0.5 }),
    ).toEqual([]);
  });

  it('says nothing of one class when the model beats the baseline: its ranking or probabilities learned something', () => {
    // Rare positives: every row is answered "delivered" at 0.5, but the scores rank the shipped ones first.
    const ranked = probs([0.05, 0.1, 0.1, 0.2, 0.15, 0.1, 0.2, 0.4, 0.35, 0.45]);
    expect(noBetterThanBaseline({ task: 'binary', metric: 'roc_auc', classes, y, outputs: ranked, score: 1, baselineScore: 0.5 })).toEqual(
      [],
    );
    expect(
      noBetterThanBaseline({ task: 'binary', metric: 'roc_auc', classes, y, outputs: ranked, score: 0.5, baselineScore: 0.5 })[0].code,
    ).toBe('predicts-one-class');
  });

  it('a model better by less than noise reaches is still no better: 1 % of the loss, 0.01 of ROC AUC', () => {
    const v = Float64Array.from([1, 2, 3]);
    const hair = noBetterThanBaseline({
      task: 'regression',
      metric: 'rmse',
      classes: [],
      y: v,
      outputs: v,
      score: 2.0,
      baselineScore: 2.01,
    });
    expect(hair[0].text).toMatch(/^The model's validation rmse 2\.00 is hardly better than the 2\.01 of predicting the mean/);
    const flat = probs(Array(10).fill(0.3));
    expect(
      noBetterThanBaseline({ task: 'binary', metric: 'roc_auc', classes, y, outputs: flat, score: 0.505, baselineScore: 0.5 })[0].code,
    ).toBe('predicts-one-class');
  });

  it('compares a regression model with predicting the mean', () => {
    const v = Float64Array.from([1, 2, 3]);
    const w = noBetterThanBaseline({ task: 'regression', metric: 'rmse', classes: [], y: v, outputs: v, score: 2.04, baselineScore: 2.01 });
    expect(w[0].code).toBe('no-better-than-baseline');
    expect(w[0].text).toBe(
      "The model's validation rmse 2.04 is no better than the 2.01 of predicting the mean of the training rows for every row: it has not learned anything from these columns that the mean does not already say.",
    );
    expect(
      noBetterThanBaseline({ task: 'regression', metric: 'rmse', classes: [], y: v, outputs: v, score: 1.5, baselineScore: 2.01 }),
    ).toEqual([]);
  });
});
