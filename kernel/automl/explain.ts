/**
 * Explanations of a fitted AutoMLModel: TreeSHAP for tree members on the raw output (boosting margin,
 * forest probability or value), and permutation importance per input column.
 */
import { modelWeight, type AutoMLModel } from './AutoMLModel';
import type { FeatureMatrix } from './preprocessor';
import { Rng } from './rng';
import { addTreePrediction } from './tree';
import { taskScore, higherIsBetter } from './taskMetric';
import { treeExpectedValue, treeShapRow } from './treeShap';
import type { AutoMLRow, AutoMLTable } from './table';

export interface ShapResult {
  features: string[];
  /** Output explained: a class label, or the target for regression / the positive class margin. */
  output: string;
  expectedValue: number;
  /** rows x features */
  values: number[][];
  /** The raw output each row's values add up to (with expectedValue). */
  raw: number[];
}

/** Whether every member is a tree model of one kind, so SHAP values add up across members. */
export function isTreeModel(m: AutoMLModel): boolean {
  const all = m.members.flatMap((x) => x.models);
  return all.every((e) => e.gbdt) || all.every((e) => e.forest);
}

export function treeShap(model: AutoMLModel, rows: AutoMLRow[] | AutoMLTable, classIndex?: number): ShapResult {
  if (!isTreeModel(model)) throw new Error('TreeSHAP needs a model made only of boosted trees or only of forests.');
  const { fm, ps } = model.prepare(rows);
  const X = ps.binned;
  const F = X.nFeatures;
  const isGbdt = model.members[0].models[0].gbdt !== undefined;
  // Binary boosting explains its single margin (positive class); others explain one output column.
  const k = classIndex ?? (model.task === 'regression' ? 0 : model.classes.length - 1);
  const values = Array.from({ length: X.n }, () => new Float64Array(F));
  const raw = new Float64Array(X.n);
  let expected = 0;
  for (const mem of model.members) {
    for (const [j, e] of mem.models.entries()) {
      const w = mem.weight * modelWeight(mem, j);
      if (e.gbdt) {
        const g = e.gbdt;
        const kk = g.K === 1 ? 0 : k;
        expected += w * g.base[kk];
        for (let i = 0; i < X.n; i++) raw[i] += w * g.base[kk];
        for (let t = kk; t < g.trees.length; t += g.K) {
          const tree = g.trees[t];
          expected += w * g.lr * treeExpectedValue(tree, 0);
          const out = new Float64Array(X.n);
          addTreePrediction(tree, X, null, out, 1, 0, w * g.lr);
          for (let i = 0; i < X.n; i++) {
            raw[i] += out[i];
            treeShapRow(tree, X.codes, i * F, 0, w * g.lr, values[i]);
          }
        }
      } else {
        const f = e.forest!;
        const kk = f.K === 1 ? 0 : k;
        for (const tree of f.trees) {
          const s = w / f.trees.length;
          expected += s * treeExpectedValue(tree, kk);
          const out = new Float64Array(X.n * tree.K);
          addTreePrediction(tree, X, null, out, tree.K, 0, s);
          for (let i = 0; i < X.n; i++) {
            raw[i] += out[i * tree.K + kk];
            treeShapRow(tree, X.codes, i * F, kk, s, values[i]);
          }
        }
      }
    }
  }
  return {
    features: fm.names,
    output:
      model.task === 'regression' ? model.target : isGbdt && model.task === 'binary' ? `margin of ${model.classes[1]}` : model.classes[k],
    expectedValue: expected,
    values: values.map((v) => Array.from(v)),
    raw: Array.from(raw),
  };
}

export interface Importance {
  column: string;
  importance: number;
}

/**
 * Drop in the task metric when one raw column (all features derived from it) is shuffled, averaged
 * over `repeats` shuffles. Positive = the model relies on the column.
 */
export function permutationImportance(
  model: AutoMLModel,
  fm: FeatureMatrix,
  y: ArrayLike<number>,
  seed: number,
  repeats = 2,
): Importance[] {
  const rng = new Rng(seed);
  const C = model.classes.length;
  const base = taskScore(model.task, y, model.outputsFromFeatures(model.prepareFeatures(fm)), C);
  const sign = higherIsBetter(model.task) ? 1 : -1;
  const sources = new Map<string, number[]>();
  fm.names.forEach((name, f) => {
    const src = model.preprocessor.steps.find((s) => name === s.source || name.startsWith(`${s.source}.`))?.source ?? name;
    sources.set(src, [...(sources.get(src) ?? []), f]);
  });
  const out: Importance[] = [];
  for (const [column, feats] of sources) {
    let drop = 0;
    for (let r = 0; r < repeats; r++) {
      const perm = Uint32Array.from({ length: fm.n }, (_, i) => i);
      rng.shuffle(perm);
      const cols = fm.cols.map((c, f) => (feats.includes(f) ? Float64Array.from(perm, (p) => c[p]) : c));
      const s = taskScore(model.task, y, model.outputsFromFeatures(model.prepareFeatures({ ...fm, cols })), C);
      drop += sign * (base - s);
    }
    out.push({ column, importance: drop / repeats });
  }
  return out.sort((a, b) => b.importance - a.importance);
}
