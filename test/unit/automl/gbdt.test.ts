import { describe, expect, it } from 'vitest';
import { fitAutoML, loadModel, serializeModel, treeShap, trainSingleModel } from '../../../kernel/automl';
import type { AutoMLTable } from '../../../kernel/automl';
import { Rng } from '../../../kernel/automl/rng';

function xorTable(n: number, seed: number): AutoMLTable {
  const rng = new Rng(seed);
  const a: number[] = [],
    b: number[] = [],
    noise: number[] = [],
    y: string[] = [];
  for (let i = 0; i < n; i++) {
    const x1 = rng.next() * 2 - 1,
      x2 = rng.next() * 2 - 1;
    a.push(x1);
    b.push(x2);
    noise.push(rng.next());
    y.push(x1 * x2 > 0 ? 'same' : 'diff');
  }
  return {
    columns: [
      { name: 'a', values: a },
      { name: 'b', values: b },
      { name: 'noise', values: noise },
      { name: 'y', values: y },
    ],
  };
}

const idx = (n: number, from = 0) => Array.from({ length: n }, (_, i) => i + from);

describe('histogram GBDT', () => {
  it('learns an XOR interaction that no single feature explains', async () => {
    const t = xorTable(1200, 1);
    const model = await trainSingleModel(t, {
      target: 'y',
      task: 'binary',
      family: 'gbdt',
      params: { learningRate: 0.2, maxDepth: 4, rounds: 100 },
      trainIndex: idx(1000),
    });
    const test = { columns: t.columns.map((c) => ({ name: c.name, values: (c.values as unknown[]).slice(1000) as never })) };
    const pred = model.predict(test);
    const truth = test.columns[3].values as string[];
    const acc = pred.filter((p, i) => p === truth[i]).length / truth.length;
    expect(acc).toBeGreaterThan(0.93);
  });

  it('sends missing values the way that fits the training data', async () => {
    // y is high when x is missing, low otherwise; the learnt default direction must reproduce that.
    const x: (number | null)[] = [],
      y: number[] = [];
    for (let i = 0; i < 400; i++) {
      const miss = i % 4 === 0;
      x.push(miss ? null : i % 7);
      y.push(miss ? 10 : (i % 7) * 0.1);
    }
    const t: AutoMLTable = {
      columns: [
        { name: 'x', values: x },
        { name: 'y', values: y },
      ],
    };
    const model = await trainSingleModel(t, {
      target: 'y',
      task: 'regression',
      family: 'gbdt',
      params: { rounds: 50, learningRate: 0.3 },
      trainIndex: idx(400),
    });
    const [missing, present] = model.predict([{ x: null }, { x: 3 }]) as number[];
    expect(missing).toBeGreaterThan(9);
    expect(present).toBeLessThan(1);
  });

  it('splits a categorical feature by category set, not by code order', async () => {
    // Categories c0..c5 where c0, c3, c5 are positive: no single threshold on codes separates them.
    const cats: string[] = [],
      y: number[] = [];
    for (let i = 0; i < 600; i++) {
      const c = i % 6;
      cats.push(`c${c}`);
      y.push([0, 3, 5].includes(c) ? 1 : 0);
    }
    const t: AutoMLTable = {
      columns: [
        { name: 'c', values: cats },
        { name: 'y', values: y },
      ],
    };
    const model = await trainSingleModel(t, {
      target: 'y',
      task: 'binary',
      family: 'gbdt',
      params: { rounds: 30, maxDepth: 1, learningRate: 0.5 },
      trainIndex: idx(600),
    });
    const p = model.predictProba(['c0', 'c1', 'c2', 'c3', 'c4', 'c5'].map((c) => ({ c })));
    expect(p.map((r) => (r['1'] > 0.5 ? 1 : 0))).toEqual([1, 0, 0, 1, 0, 1]);
  });

  it('TreeSHAP values plus the expected value add up to the raw prediction', async () => {
    const t = xorTable(300, 2);
    for (const family of ['gbdt', 'random_forest'] as const) {
      const model = await trainSingleModel(t, {
        target: 'y',
        task: 'binary',
        family,
        params: { rounds: 20, trees: 10, maxFeatures: 1 },
        trainIndex: idx(300),
      });
      const rows = idx(10).map((i) => Object.fromEntries(t.columns.map((c) => [c.name, (c.values as unknown[])[i] as number])));
      const s = treeShap(model, rows);
      s.values.forEach((v, i) => expect(v.reduce((a, b) => a + b, 0) + s.expectedValue).toBeCloseTo(s.raw[i], 8));
      // The irrelevant noise column gets less credit than the XOR inputs.
      const mean = (f: number) => s.values.reduce((a, v) => a + Math.abs(v[f]), 0);
      expect(mean(2)).toBeLessThan(mean(0) + mean(1));
    }
    // For boosting the raw output is the margin: sigmoid(raw) is the predicted probability.
    const gb = await trainSingleModel(t, { target: 'y', task: 'binary', family: 'gbdt', params: { rounds: 20 }, trainIndex: idx(300) });
    const row = Object.fromEntries(t.columns.map((c) => [c.name, (c.values as unknown[])[0] as number]));
    const s = treeShap(gb, [row]);
    expect(1 / (1 + Math.exp(-s.raw[0]))).toBeCloseTo(gb.predictProba([row])[0].same, 10);
  });

  it('a saved and reloaded model predicts exactly the same', async () => {
    const t = xorTable(400, 3);
    const run = await fitAutoML(t, { target: 'y', maxTrials: 6, seed: 1 });
    const again = loadModel(serializeModel(run.model));
    const rows = idx(50).map((i) => Object.fromEntries(t.columns.map((c) => [c.name, (c.values as unknown[])[i] as number])));
    expect(again.predictProba(rows)).toEqual(run.model.predictProba(rows));
    expect(again.predict(rows)).toEqual(run.model.predict(rows));
  });
});
