import { describe, expect, it } from 'vitest';
import { fitAutoML, type AutoMLProgress, type AutoMLTable } from '../../../kernel/automl';

/** 300 rows, two informative numeric columns and a category; the label depends on all three. */
function data(n = 300): AutoMLTable {
  const x = Array.from({ length: n }, (_, i) => ((i * 37) % 101) / 101);
  const z = Array.from({ length: n }, (_, i) => ((i * 53) % 97) / 97);
  const c = Array.from({ length: n }, (_, i) => ['red', 'green', 'blue'][(i * 7) % 3]);
  const y = x.map((v, i) => (v + z[i] + (c[i] === 'red' ? 0.4 : 0) + (((i * 13) % 17) / 17 - 0.5) * 0.3 > 1.1 ? 'yes' : 'no'));
  return {
    columns: [
      { name: 'x', values: x },
      { name: 'z', values: z },
      { name: 'c', values: c },
      { name: 'label', values: y },
    ],
  };
}

describe('AutoML search on worker threads', () => {
  it('gives the same leaderboard on 2 workers as in the calling thread (maxTrials + seed)', async () => {
    const t = data();
    const events: AutoMLProgress[] = [];
    const pooled = await fitAutoML(t, { target: 'label', maxTrials: 9, seed: 3, workers: 2, onProgress: (e) => events.push(e) });
    const inline = await fitAutoML(t, { target: 'label', maxTrials: 9, seed: 3, workers: 0 });
    expect(pooled.parallelTrials).toBe(2);
    expect(inline.parallelTrials).toBe(1);
    const board = (r: typeof pooled) =>
      r.leaderboard.map((e) => `${e.trial} ${e.family} ${e.score.toFixed(12)} ${JSON.stringify(e.params)}`);
    expect(board(pooled)).toEqual(board(inline));
    expect(pooled.leaderboard.map((e) => e.family)).toContain('mlp');
    expect(pooled.model.predict([{ x: 0.9, z: 0.9, c: 'red' }])).toEqual(inline.model.predict([{ x: 0.9, z: 0.9, c: 'red' }]));
    // Progress counts finished trials one by one, whatever order the workers finish them in.
    const trials = events.filter((e) => e.kind === 'trial').map((e) => e.trial);
    expect(trials).toEqual(Array.from({ length: 9 }, (_, i) => i + 1));
    expect(new Set(events.filter((e) => e.kind === 'trial').map((e) => e.id)).size).toBe(9);
  });

  it('stops when cancelled, starting no new trial, and returns the best model so far', async () => {
    const ctl = new AbortController();
    const seen: number[] = [];
    const run = await fitAutoML(data(2000), {
      target: 'label',
      budgetSeconds: 60,
      seed: 1,
      workers: 2,
      signal: ctl.signal,
      onProgress: (e) => {
        seen.push(e.trial);
        if (e.kind === 'trial' && e.trial === 3) {
          ctl.abort();
        }
      },
    });
    // No trial starts after the cancel: at most the two already running (one per worker) report.
    expect(Math.max(...seen)).toBeLessThanOrEqual(3 + 2);
    expect(run.cancelled).toBe(true);
    expect(run.leaderboard.length).toBeGreaterThanOrEqual(3);
    expect(run.trainSeconds).toBeLessThan(30);
    expect(['yes', 'no']).toContain(run.model.predict([{ x: 0.9, z: 0.9, c: 'red' }])[0]);
  });
});
