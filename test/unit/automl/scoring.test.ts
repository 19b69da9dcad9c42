import { describe, expect, it } from 'vitest';
import { loadModel, serializeModel, trainSingleModel, type AutoMLTable } from '../../../kernel/automl';
import { asModel, categoricalDrift, ks, modelId, numericDrift, scoreTable } from '../../../kernel/automl/scoring';
import { Rng } from '../../../kernel/automl/rng';
import { SiltError } from '../../../common/SiltError';

function table(n: number, shift: number, seed: number): AutoMLTable {
  const rng = new Rng(seed);
  const x = Array.from({ length: n }, () => rng.next() * 10 + shift);
  const colour = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'red' : 'blue'));
  return {
    columns: [
      { name: 'x', values: x },
      { name: 'colour', values: colour },
      { name: 'y', values: x.map((v, i) => 3 * v + (colour[i] === 'red' ? 5 : 0)) },
    ],
  };
}

const idx = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('drift measures', () => {
  it('KS is the largest gap between the two empirical CDFs, as a brute-force scan finds it', () => {
    const a = [1, 2, 2, 3, 7, 9].sort((p, q) => p - q);
    const b = [2, 4, 5, 5, 8].sort((p, q) => p - q);
    const cdf = (xs: number[], t: number) => xs.filter((v) => v <= t).length / xs.length;
    const brute = Math.max(...[...a, ...b].map((t) => Math.abs(cdf(a, t) - cdf(b, t))));
    expect(ks(a, b)).toBeCloseTo(brute, 12);
  });

  it('PSI of categories matches the formula by hand, and an unchanged sample reads as stable', () => {
    const ref = ['a', 'a', 'a', 'b'];
    const cur = ['a', 'b', 'b', 'b'];
    // (0.25-0.75) ln(0.25/0.75) + (0.75-0.25) ln(0.75/0.25)
    expect(categoricalDrift('c', ref, cur).psi).toBeCloseTo(2 * 0.5 * Math.log(3), 12);
    expect(categoricalDrift('c', ref, ref)).toMatchObject({ psi: 0, level: 'stable' });
  });

  it('a shifted numeric column is a major shift; the same distribution is stable', () => {
    const rng = new Rng(3);
    const ref = Array.from({ length: 2000 }, () => rng.next());
    const same = Array.from({ length: 2000 }, () => rng.next());
    const moved = Array.from({ length: 2000 }, () => rng.next() + 0.5);
    expect(numericDrift('x', ref, same).level).toBe('stable');
    expect(numericDrift('x', ref, moved)).toMatchObject({ level: 'major' });
    expect(numericDrift('x', ref, moved).ks!).toBeGreaterThan(0.45);
  });
});

describe('scoreTable', () => {
  it('adds the prediction, the model id and the time to each row, and reports drift of inputs and predictions', async () => {
    const train = table(400, 0, 1);
    const model = await trainSingleModel(train, {
      target: 'y',
      task: 'regression',
      family: 'gbdt',
      params: { rounds: 60 },
      trainIndex: idx(400),
    });
    const fresh = table(300, 5, 2);
    const at = new Date(Date.UTC(2026, 0, 2));
    const s = scoreTable(model, fresh, { reference: train, scoredAt: at });
    expect(s.rows).toHaveLength(300);
    expect(s.columns.map((c) => c.name)).toEqual(['x', 'colour', 'y', 'prediction', 'model_id', 'scored_at']);
    expect(s.rows.every((r) => r.model_id === s.modelId && r.scored_at === at)).toBe(true);
    expect(s.rows.map((r) => r.prediction)).toEqual(model.predict(fresh));
    // The same model, saved and loaded again, keeps its id; a different model does not share it.
    expect(modelId(loadModel(serializeModel(model)))).toBe(s.modelId);
    const other = await trainSingleModel(train, {
      target: 'y',
      task: 'regression',
      family: 'gbdt',
      params: { rounds: 5 },
      trainIndex: idx(400),
    });
    expect(modelId(other)).not.toBe(s.modelId);
    const drift = Object.fromEntries(s.drift!.map((d) => [d.column, d]));
    expect(Object.keys(drift).sort()).toEqual(['colour', 'prediction', 'x']);
    expect(drift.x.level).toBe('major'); // x moved up by half its range
    expect(drift.colour.level).toBe('stable'); // the same one-in-three red
    expect(drift.prediction.level).not.toBe('stable');
  });

  it('refuses what is not a model, saying what to pass', () => {
    expect(() => asModel({ leaderboard: [] })).toThrowError(SiltError);
    expect(() => asModel('model.json')).toThrowError(
      /pass a model \(run\.model, or automl\.loadModel\(json\)\) or the run automl\.fit returned/,
    );
  });

  it('names the input columns the table lacks', async () => {
    const train = table(200, 0, 1);
    const model = await trainSingleModel(train, {
      target: 'y',
      task: 'regression',
      family: 'gbdt',
      params: { rounds: 10 },
      trainIndex: idx(200),
    });
    const noX: AutoMLTable = { columns: train.columns.filter((c) => c.name !== 'x') };
    expect(() => scoreTable(model, noX)).toThrowError(SiltError);
    expect(() => scoreTable(model, noX)).toThrowError(/no column "x", which the model was trained on/);
  });
});
