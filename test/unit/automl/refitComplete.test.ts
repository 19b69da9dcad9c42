import { describe, expect, it } from 'vitest';
import { Binner } from '../../../kernel/automl/binner';
import { fitEstimator, type TrainSet } from '../../../kernel/automl/estimators';
import { LinearEncoder } from '../../../kernel/automl/linearEncoder';
import { Preprocessor } from '../../../kernel/automl/preprocessor';
import { profileTable } from '../../../kernel/automl/profile';
import { complete } from '../../../kernel/automl/search';
import type { AutoMLTable } from '../../../kernel/automl/table';

/** 200 rows of a smooth regression target, prepared the way fitAutoML prepares them. */
function trainSet(): TrainSet {
  const x = Array.from({ length: 200 }, (_, i) => ((i * 37) % 101) / 101);
  const table: AutoMLTable = {
    columns: [
      { name: 'x', values: x },
      { name: 'y', values: x.map((v, i) => 3 * v + ((i * 13) % 7) / 10) },
    ],
  };
  const rows = Array.from({ length: 200 }, (_, i) => i);
  const profile = profileTable(table, 'y', rows, 'regression');
  const fm = Preprocessor.fit(table, profile.columns, rows).transform(table, rows);
  const binner = Binner.fit(fm);
  const encoder = LinearEncoder.fit(fm, rows);
  const y = Float64Array.from(table.columns[1].values as number[]);
  return {
    obj: 'regression',
    C: 0,
    binned: binner.transform(fm),
    nBins: binner.nBins,
    isCat: binner.isCat,
    dense: encoder.transform(fm),
    d: encoder.width,
    y,
  };
}

describe('a refit cut short by its deadline is not used', () => {
  const ts = trainSet();
  const all = Uint32Array.from({ length: 200 }, (_, i) => i);

  it('keeps a boosted refit that grew every round asked for, and drops one the deadline stopped', () => {
    const params = { learningRate: 0.1, maxDepth: 3, rounds: 40 };
    const full = fitEstimator(ts, 'gbdt', params, all, null, Infinity, 0);
    expect(full.gbdt!.trees).toHaveLength(40);
    expect(complete(full, params)).toBe(true);
    const late = fitEstimator(ts, 'gbdt', params, all, null, Date.now() - 1, 0);
    expect(late.gbdt!.trees.length).toBeLessThan(40);
    expect(complete(late, params)).toBe(false);
  });

  it('does the same for a forest that grew fewer trees than asked for', () => {
    const params = { trees: 30, maxFeatures: 1, minLeaf: 1 };
    const full = fitEstimator(ts, 'random_forest', params, all, null, Infinity, 0);
    expect(full.forest!.trees).toHaveLength(30);
    expect(complete(full, params)).toBe(true);
    const late = fitEstimator(ts, 'random_forest', params, all, null, Date.now() - 1, 0);
    expect(late.forest!.trees.length).toBeLessThan(30);
    expect(complete(late, params)).toBe(false);
  });
});
