/**
 * Random forest and extra trees on the shared histogram grower: deep trees on bootstrap samples (RF)
 * or on all rows with random thresholds (ET), averaged. Classifier leaves hold class frequencies.
 */
import type { BinnedMatrix } from './binner';
import type { GbdtData } from './gbdt';
import { growMatrix } from './growMatrix';
import { growTree } from './growTree';
import { Rng } from './rng';
import { addTreePrediction, treeFromJSON, treeToJSON, type Tree, type TreeJSON } from './tree';

export interface ForestParams {
  trees: number;
  /** Fraction of features tried per split. */
  maxFeatures: number;
  minLeaf: number;
  maxDepth: number;
  extra: boolean;
  bootstrap: boolean;
}

export interface ForestModel {
  /** Outputs per leaf: classes, or 1 for regression. */
  K: number;
  trees: Tree[];
}

export function fitForest(
  d: GbdtData,
  trainRows: Uint32Array,
  nClasses: number,
  p: ForestParams,
  deadline: number,
  seed: number,
): ForestModel {
  const rng = new Rng(seed);
  const K = nClasses > 0 ? nClasses : 1;
  const n = d.X.n;
  const g = new Float32Array(n * K),
    h = new Float32Array(n);
  const counts = new Float32Array(n);
  const model: ForestModel = { K, trees: [] };
  const features = Array.from({ length: d.X.nFeatures }, (_, i) => i);
  if (!features.length) return model;
  const matrix = growMatrix(d.X, d.nBins);
  // Ascending rows keep histogram building walking memory forwards (the grower's partition is stable).
  const ascending = Uint32Array.from(trainRows).sort();
  for (let t = 0; t < p.trees; t++) {
    if (t > 0 && Date.now() > deadline) break;
    counts.fill(0);
    if (p.bootstrap) for (let i = 0; i < trainRows.length; i++) counts[trainRows[rng.int(trainRows.length)]]++;
    else for (const r of trainRows) counts[r] = 1;
    let m = 0;
    const rows = new Uint32Array(trainRows.length);
    for (const r of ascending) {
      if (counts[r] === 0) continue;
      rows[m++] = r;
      const w = counts[r] * (d.w ? d.w[r] : 1);
      h[r] = w;
      if (nClasses > 0) {
        g.fill(0, r * K, r * K + K);
        g[r * K + d.y[r]] = -w;
      } else g[r] = -w * d.y[r];
    }
    model.trees.push(
      growTree(
        { X: d.X, nBins: d.nBins, isCat: d.isCat, g, h, K, rows: rows.subarray(0, m), features, matrix },
        {
          maxDepth: p.maxDepth,
          maxLeaves: Infinity,
          minChildWeight: p.minLeaf,
          lambda: 0,
          minSplitGain: 1e-12,
          featureFractionNode: p.maxFeatures,
          extra: p.extra,
          order: 'depth',
          catSmooth: 0,
        },
        rng,
      ),
    );
  }
  return model;
}

/** Averaged leaf values (rows x K) of the given rows (all when null). */
export function forestPredict(model: ForestModel, X: BinnedMatrix, rows: ArrayLike<number> | null): Float64Array {
  const n = rows ? rows.length : X.n;
  const out = new Float64Array(n * model.K);
  for (const t of model.trees) addTreePrediction(t, X, rows, out, model.K, 0, 1 / model.trees.length);
  return out;
}

export interface ForestJSON {
  K: number;
  trees: TreeJSON[];
}

export function forestToJSON(m: ForestModel): ForestJSON {
  return { K: m.K, trees: m.trees.map(treeToJSON) };
}

export function forestFromJSON(j: ForestJSON): ForestModel {
  return { K: j.K, trees: j.trees.map(treeFromJSON) };
}
