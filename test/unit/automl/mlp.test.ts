import { describe, expect, it } from 'vitest';
import { loadModel, serializeModel, trainSingleModel } from '../../../kernel/automl';
import { initTensorflow } from '../../../kernel/automl/mlp';
import type { AutoMLTable } from '../../../kernel/automl';
import { Rng } from '../../../kernel/automl/rng';

describe('MLP on TensorFlow.js', () => {
  it('trains on the WASM backend, learns a smooth function and survives save/load bit for bit', async () => {
    expect(['wasm', 'tensorflow']).toContain(await initTensorflow());
    const rng = new Rng(5);
    const n = 600;
    const x1 = Array.from({ length: n }, () => rng.next() * 4 - 2),
      x2 = Array.from({ length: n }, () => rng.next() * 4 - 2);
    const y = x1.map((a, i) => Math.sin(a) + 0.5 * x2[i] * x2[i]);
    const t: AutoMLTable = {
      columns: [
        { name: 'a', values: x1 },
        { name: 'b', values: x2 },
        { name: 'y', values: y },
      ],
    };
    const model = await trainSingleModel(t, {
      target: 'y',
      task: 'regression',
      family: 'mlp',
      params: { width: 64, layers: 2, learningRate: 5e-3, epochs: 150 },
      trainIndex: Array.from({ length: 500 }, (_, i) => i),
    });
    const test = Array.from({ length: 100 }, (_, i) => ({ a: x1[500 + i], b: x2[500 + i] }));
    const pred = model.predict(test) as number[];
    const rmse = Math.sqrt(pred.reduce((s, p, i) => s + (p - y[500 + i]) ** 2, 0) / 100);
    // The target's standard deviation is about 0.85; a fitted network gets well under that.
    expect(rmse).toBeLessThan(0.25);
    const json = serializeModel(model);
    expect(json).toMatch(/"w":"[A-Za-z0-9+/]+=*"/);
    expect(loadModel(json).predict(test)).toEqual(pred);
  });
});
