import { describe, expect, it } from 'vitest';
import { describeTrial, fitAutoML, type AutoMLTable } from '../../../kernel/automl';
import { configKey } from '../../../kernel/automl/search';

/** 120 rows, one informative feature: a small space where random draws soon repeat. */
function data(n = 120): AutoMLTable {
  const x = Array.from({ length: n }, (_, i) => ((i * 37) % 101) / 101);
  return {
    columns: [
      { name: 'x', values: x },
      { name: 'y', values: x.map((v, i) => (v + ((i * 13) % 17) / 34 > 0.75 ? 1 : 0)) },
    ],
  };
}

/** The same normalisation written out by hand: false flags dropped, numbers to 4 significant digits. */
const key = (family: string, params: Record<string, number | boolean>) =>
  family +
  JSON.stringify(
    Object.entries(params)
      .filter(([, v]) => v !== false)
      .map(([k, v]) => [k, typeof v === 'number' ? Number(v.toPrecision(4)) : v])
      .sort(),
  );

describe('the search never trains one configuration twice', () => {
  it('has no two leaderboard rows with the same family and parameters', async () => {
    const run = await fitAutoML(data(), { target: 'y', maxTrials: 40, workers: 0, seed: 5, timeColumn: null, families: ['decision_tree'] });
    const keys = run.leaderboard.map((t) => key(t.family, t.params));
    expect(new Set(keys).size).toBe(keys.length);
    // 39 draws from 84 tree configurations would repeat some without the check.
    expect(run.leaderboard.filter((t) => t.family === 'decision_tree').length).toBe(39);
  });

  it('treats an absent flag and a false one as the same configuration', () => {
    expect(configKey('decision_tree', { maxDepth: 8, minLeaf: 5 })).toBe(
      configKey('decision_tree', { minLeaf: 5, maxDepth: 8, balanced: false }),
    );
    expect(configKey('linear', { strength: 1 })).not.toBe(configKey('linear', { strength: 1, balanced: true }));
  });

  it('names every trial by family, id and key parameters', () => {
    expect(describeTrial({ trial: 47, family: 'extra_trees', params: { trees: 100, maxFeatures: 0.5, minLeaf: 2 } })).toBe(
      'extra trees #47 · 100 trees, features 50 %, min leaf 2',
    );
    expect(describeTrial({ trial: 3, family: 'decision_tree', params: { maxDepth: 8, minLeaf: 5 } })).toBe(
      'decision tree #3 · depth 8, min leaf 5',
    );
  });
});
