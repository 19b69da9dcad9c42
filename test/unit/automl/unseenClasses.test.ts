/**
 * A class only the newest rows have ("placed": recent orders are not yet shipped) is never in the
 * training rows of a time split. The run must say so in words, and say how much of the log loss those
 * rows are, instead of showing a baseline log_loss of 8 with no explanation.
 */
import { describe, expect, it } from 'vitest';
import { fitAutoML, type AutoMLTable } from '../../../kernel/automl';
import { makeTimePlan } from '../../../kernel/automl/timeFolds';
import { unseenInTest, unseenInValidation } from '../../../kernel/automl/unseenClasses';
import { logLoss } from '../../../kernel/automl/metrics';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** 300 orders over 100 days in scrambled row order; the newest 10 % (days 90..99) are all "placed". */
function orders(n = 300): AutoMLTable {
  const idx = Array.from({ length: n }, (_, i) => (i * 149) % n);
  const day = idx.map((k) => Math.floor((k * 100) / n));
  const amount = idx.map((k) => ((k * 37) % 101) + 1);
  const status = idx.map((k, i) => (day[i] >= 90 ? 'placed' : amount[i] > 50 ? 'delivered' : 'shipped'));
  return {
    columns: [
      { name: 'order_date', values: day.map((d) => new Date(START + d * DAY)) },
      { name: 'amount', values: amount },
      { name: 'status', values: status },
    ],
  };
}

describe('classes absent from the training rows', () => {
  it('finds a class that occurs only in the newest 10 % of rows and names the time split as the cause', () => {
    const t = orders();
    const times = Float64Array.from(t.columns[0].values as Date[], (d) => d.getTime());
    const classes = ['delivered', 'placed', 'shipped'];
    const y = Float64Array.from(t.columns[2].values as string[], (s) => classes.indexOf(s));
    const plan = makeTimePlan(times);
    const found = unseenInValidation({ target: 'status', classes, y, folds: plan.folds, time: { column: 'order_date', times } });
    expect(found.map((u) => [u.label, u.trainRows, u.scoredRows])).toEqual([['placed', 0, 30]]);
    expect(found[0].text).toBe(
      'status = placed occurs only in the newest 10 % of rows (validation), never in training: no model can predict it; ' +
        'a time split on order_date puts all of them in validation.',
    );
  });

  it('finds a class with only a handful of training rows, and says nothing when every class is well represented', () => {
    const classes = ['a', 'b'];
    // Fold trains on 20 rows with 3 of "b", validates on 10 rows with 6 of "b".
    const y = Float64Array.from([...Array(17).fill(0), 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    const fold = { train: Uint32Array.from({ length: 20 }, (_, i) => i), valid: Uint32Array.from({ length: 10 }, (_, i) => 20 + i) };
    const found = unseenInValidation({ target: 'churn', classes, y, folds: [fold] });
    expect(found.map((u) => u.text)).toEqual([
      'churn = b occurs 6 times in validation, only 3 times in training: too few for any model to learn it.',
    ]);
    const many = Float64Array.from({ length: 30 }, (_, i) => i % 2);
    expect(unseenInValidation({ target: 'churn', classes, y: many, folds: [fold] })).toEqual([]);
  });

  it('finds test labels never seen in training (those rows are left out of the test metrics)', () => {
    const found = unseenInTest('status', ['a', 'a', 'b', 'b', 'b', 'b', 'b', 'a', 'a', 'a'], ['a', 'b', 'c', 'c']);
    expect(found.map((u) => u.text)).toEqual([
      'status = c occurs 2 times in the test rows, never in training: no model can predict it, so the test metrics leave these rows out.',
    ]);
  });

  it('keeps log loss finite for a class given no probability: clipped at 1e-15, about 34.5 a row', () => {
    expect(logLoss([1], [1, 0], 2)).toBeCloseTo(-Math.log(1e-15), 6);
  });

  it('fitAutoML warns about the class and says how much of the validation log loss it is', async () => {
    const run = await fitAutoML(orders(), { target: 'status', maxTrials: 3, workers: 0, seed: 1, families: ['decision_tree'] });
    expect(run.split.timeColumn).toBe('order_date');
    expect(run.unseenClasses.map((u) => u.label)).toEqual(['placed']);
    expect(run.warnings[0].text).toMatch(/^status = placed occurs only in the newest 10 % of rows \(validation\), never in training/);
    // The baseline gives "placed" no probability: its log loss is dominated by these rows.
    const baseline = run.leaderboard.find((t) => t.family === 'baseline')!;
    expect(baseline.score).toBeGreaterThan(5);
    expect(Number.isFinite(baseline.score)).toBe(true);
    const [, metric] = run.warnings;
    expect(metric.code).toBe('unseen-class-log-loss');
    expect(metric.text).toMatch(
      /includes 30 rows of "placed" scored by models that did not learn it, each costing up to −ln\(1e-15\) ≈ 34\.5 .* on the other \d+ validation rows it is \d/,
    );
    // The split is not changed behind the user's back.
    expect(run.validation).toBe('time');
  });
});
