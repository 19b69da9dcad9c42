import { describe, expect, it } from 'vitest';
import { fitAutoML, splitRows, type AutoMLTable } from '../../../kernel/automl';
import { makeTimePlan } from '../../../kernel/automl/timeFolds';

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
  /** For each fold, from its row indexes and the times alone: newest training time < oldest validation time. */
  const checkFolds = (time: Float64Array, folds: { train: Uint32Array; valid: Uint32Array }[]) => {
    const t = (r: number) => (Number.isNaN(time[r]) ? -Infinity : time[r]);
    for (const { train, valid } of folds) {
      expect(train.length).toBeGreaterThan(0);
      expect(valid.length).toBeGreaterThan(0);
      const newestTrain = Math.max(...Array.from(train, t));
      const oldestValid = Math.min(...Array.from(valid, t));
      expect(newestTrain).toBeLessThan(oldestValid);
      // Expanding window: a fold trains on every row older than its slice, not a sample of them.
      expect(train.length).toBe(Array.from(time).filter((_, r) => t(r) < oldestValid).length);
    }
  };

  it('rolls three folds forward in time, none training on a row newer than its validation rows, also when times tie at a cut', () => {
    // 10 rows per time 0..9 in scrambled row order: cuts at exactly 40/60/80 % would split the rows of a time.
    const time = Float64Array.from({ length: 95 }, (_, i) => Math.floor(((i * 31) % 95) / 10));
    const plan = makeTimePlan(time);
    expect(plan.kind).toBe('time');
    expect(plan.folds).toHaveLength(3);
    checkFolds(time, plan.folds);
    // The slices follow each other in time and do not overlap; the last one is the newest rows.
    const slices = plan.folds.map((f) => Array.from(f.valid, (r) => time[r]));
    for (let j = 1; j < slices.length; j++) expect(Math.max(...slices[j - 1])).toBeLessThan(Math.min(...slices[j]));
    const newestFrom = Math.min(...slices[2]);
    expect(plan.folds[2].valid.length).toBe(Array.from(time).filter((x) => x >= newestFrom).length);
    expect(plan.folds[2].valid.length + plan.folds[2].train.length).toBe(95);
    // Scored rows are the slices' rows in fold order, each once.
    expect(Array.from(plan.evalRows)).toEqual(plan.folds.flatMap((f) => Array.from(f.valid)));
    expect(new Set(plan.evalRows).size).toBe(plan.evalRows.length);
  });

  it('keeps rows without a time in training only, and drops folds too small to say anything', () => {
    const time = Float64Array.from({ length: 60 }, (_, i) => (i % 7 === 0 ? NaN : (i * 17) % 60));
    const plan = makeTimePlan(time);
    checkFolds(time, plan.folds);
    for (const f of plan.folds) for (const r of f.valid) expect(Number.isNaN(time[r])).toBe(false);
    // 60 rows: a fold at 40 % would train on 24 rows (>= 20), so all three folds stay; 30 rows cannot.
    expect(plan.folds).toHaveLength(3);
    const small = Float64Array.from({ length: 30 }, (_, i) => i);
    const few = makeTimePlan(small);
    expect(few.folds.length).toBeLessThan(3);
    checkFolds(small, few.folds);
    expect(Array.from(few.folds.at(-1)!.valid)).toEqual([24, 25, 26, 27, 28, 29]);
  });

  it('guesses the date column, validates on rolling folds ending with the most recent 20 % and says so', async () => {
    const t = orders();
    const run = await fitAutoML(t, { target: 'status', maxTrials: 3, workers: 0 });
    expect(run.validation).toBe('time');
    expect(run.split.timeColumn).toBe('order_day');
    const day = (d: number) => new Date(START + d * DAY).toISOString().slice(0, 10);
    // 400 rows, 4 per day over days 0..99: slices start at 40 %, 60 % and 80 % of the rows, i.e. days 40, 60, 80.
    expect(run.split.folds!.map((f) => f.validFrom)).toEqual([day(40), day(60), day(80)]);
    expect(run.split.folds!.map((f) => f.trainUntil)).toEqual([day(39), day(59), day(79)]);
    expect(run.split.folds!.map((f) => f.trainRows)).toEqual([160, 240, 320]);
    expect(run.split.trainUntil).toBe(day(79));
    expect(run.split.validFrom).toBe(day(80));
    expect(run.split.text).toContain('time split on order_day: 3 rolling folds');
    expect(run.split.text).toContain(`(validation slices from ${day(40)}, ${day(60)}, ${day(80)}), each trained only on older rows`);
    expect(run.split.text).toContain(`holdout = newest 20 % (from ${day(80)}, trained on rows up to ${day(79)})`);
    // Every row from day 40 on is scored out of fold, once.
    expect(run.validationPredictions.y.length).toBe(240);
  });

  it('never takes an integer year for a time column unless asked, and then names its years as numbers', async () => {
    const years = (n = 300): AutoMLTable => {
      const year = Array.from({ length: n }, (_, i) => 1970 + ((i * 7) % 13));
      const x = Array.from({ length: n }, (_, i) => ((i * 37) % 101) / 101);
      return {
        columns: [
          { name: 'model_year', values: year },
          { name: 'x', values: x },
          { name: 'mpg', values: x.map((v, i) => 20 + 10 * v + (year[i] - 1970) / 2) },
        ],
      };
    };
    const guessed = await fitAutoML(years(), { target: 'mpg', maxTrials: 2, workers: 0 });
    expect(guessed.validation).toBe('cv');
    const asked = await fitAutoML(years(), { target: 'mpg', maxTrials: 2, workers: 0, timeColumn: 'model_year' });
    expect(asked.validation).toBe('time');
    // 13 years, about 23 rows each: the newest 20 % starts in 1980 (rows of 1980..1982).
    expect(asked.split.validFrom).toBe('1980');
    expect(asked.split.text).toContain('time split on model_year: 3 rolling folds');
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
