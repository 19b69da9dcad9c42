import { describe, expect, it } from 'vitest';
import { fitAutoML, splitRows, type AutoMLTable } from '../../../kernel/automl';
import { makeTimePlan } from '../../../kernel/automl/validation';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** 400 orders over 100 days, rows in a scrambled order (so row order says nothing about time). */
function orders(n = 400): AutoMLTable {
  const idx = Array.from({ length: n }, (_, i) => (i * 149) % n);
  const day = idx.map((k) => new Date(START + Math.floor(k / 4) * DAY));
  const x = idx.map((k) => ((k * 37) % 101) / 101);
  const y = idx.map((k, i) => (x[i] + ((k * 13) % 17) / 40 > 0.7 ? 'late' : 'on_time'));
  return {
    columns: [
      { name: 'order_day', values: day },
      { name: 'x', values: x },
      { name: 'status', values: y },
    ],
  };
}

describe('time-aware validation', () => {
  it('never trains on rows newer than its validation rows, also when times tie at the cut-off', () => {
    // 10 rows per time: a cut at exactly 80 % would split the rows of time 7.
    const time = Float64Array.from({ length: 95 }, (_, i) => Math.floor(((i * 31) % 95) / 10));
    const plan = makeTimePlan(time);
    const { train, valid } = plan.folds[0];
    expect(train.length + valid.length).toBe(95);
    const newestTrain = Math.max(...Array.from(train, (r) => time[r]));
    const oldestValid = Math.min(...Array.from(valid, (r) => time[r]));
    expect(newestTrain).toBeLessThan(oldestValid);
    // The validation rows are the most recent ones: every row at or after the cut-off.
    expect(valid.length).toBe(Array.from(time).filter((t) => t >= oldestValid).length);
    expect(plan.kind).toBe('time');
  });

  it('guesses the date column, validates on the most recent 20 % and says so', async () => {
    const t = orders();
    const run = await fitAutoML(t, { target: 'status', maxTrials: 3, workers: 0 });
    expect(run.validation).toBe('time');
    expect(run.split.timeColumn).toBe('order_day');
    // 400 rows, 4 per day: the newest 80 rows are days 80..99, the training rows days 0..79.
    expect(run.split.trainUntil).toBe(new Date(START + 79 * DAY).toISOString().slice(0, 10));
    expect(run.split.validFrom).toBe(new Date(START + 80 * DAY).toISOString().slice(0, 10));
    expect(run.split.text).toContain('time split on order_day');
    expect(run.validationPredictions.y.length).toBe(80);
  });

  it('turns off with timeColumn: null (shuffled cross-validation)', async () => {
    const run = await fitAutoML(orders(), { target: 'status', maxTrials: 2, workers: 0, timeColumn: null });
    expect(run.validation).toBe('cv');
    expect(run.split.text).toContain('cross-validation');
  });

  it('splitRows holds out the newest rows by time, else a random fifth', () => {
    const t = orders();
    const days = t.columns[0].values as Date[];
    const { trainIndex, testIndex } = splitRows(t, { target: 'status', timeColumn: 'order_day' });
    expect(Math.max(...trainIndex.map((r) => days[r].getTime()))).toBeLessThan(Math.min(...testIndex.map((r) => days[r].getTime())));
    expect(testIndex).toHaveLength(80);
    const random = splitRows(t, { target: 'status', seed: 2 });
    expect(random.testIndex).toHaveLength(80);
    expect(new Set([...random.trainIndex, ...random.testIndex]).size).toBe(400);
  });
});
