/**
 * The model families behind one interface: fit on some rows of the prepared training data, predict
 * outputs (class probabilities n x C, or values n x 1) for any prepared rows.
 */
import type { BinnedMatrix } from './binner';
import { fitForest, forestFromJSON, forestPredict, forestToJSON, type ForestJSON, type ForestModel } from './forest';
import { fitGbdt, GBDT_DEFAULTS, UNVALIDATED_ROUNDS, gbdtFromJSON, gbdtMargins, gbdtToJSON, type GbdtJSON, type GbdtModel } from './gbdt';
import { fitLinear, linearMargins, type LinearModel } from './linear';
import { fitMlp, MLP_DEFAULTS, mlpFromJSON, mlpMargins, mlpToJSON, type MlpJSON, type MlpModel } from './mlp';
import { marginsToOutput, type Objective } from './objective';

export type Family = 'baseline' | 'linear' | 'decision_tree' | 'gbdt' | 'mlp' | 'random_forest' | 'extra_trees';
export type Params = Record<string, number | boolean>;

/** Training data in every representation the families need, for all training rows. */
export interface TrainSet {
  obj: Objective;
  /** Classes (0 for regression). */
  C: number;
  binned: BinnedMatrix;
  nBins: number[];
  isCat: boolean[];
  dense: Float64Array;
  d: number;
  /** Class index or target value. */
  y: Float64Array;
}

/** The same representations for rows to predict. */
export interface PredictSet {
  binned: BinnedMatrix;
  dense: Float64Array;
}

export interface Fitted {
  family: Family;
  params: Params;
  /** Boosting rounds kept (early stopping), used when refitting. */
  rounds?: number;
  gbdt?: GbdtModel;
  forest?: ForestModel;
  linear?: LinearModel;
  mlp?: MlpModel;
  prior?: number[];
}

/** Balanced class weights: each class carries the same total weight. */
export function classWeights(ts: TrainSet, rows: Uint32Array): Float32Array {
  const cnt = new Float64Array(ts.C);
  for (const r of rows) cnt[ts.y[r]]++;
  const w = new Float32Array(ts.y.length).fill(1);
  for (const r of rows) w[r] = rows.length / (ts.C * cnt[ts.y[r]]);
  return w;
}

export function fitEstimator(
  ts: TrainSet,
  family: Family,
  params: Params,
  train: Uint32Array,
  valid: Uint32Array | null,
  deadline: number,
  seed: number,
): Fitted {
  const w = params.balanced && ts.C > 0 ? classWeights(ts, train) : null;
  const data = { X: ts.binned, nBins: ts.nBins, isCat: ts.isCat, y: ts.y, w };
  const out: Fitted = { family, params };
  switch (family) {
    case 'baseline': {
      const K = ts.C || 1;
      const s = new Array<number>(K).fill(0);
      for (const r of train) {
        if (ts.C) s[ts.y[r]]++;
        else s[0] += ts.y[r];
      }
      out.prior = s.map((v) => v / train.length);
      return out;
    }
    case 'linear':
      out.linear = fitLinear({ X: ts.dense, d: ts.d, y: ts.y, w }, train, ts.obj, ts.C, Number(params.strength));
      return out;
    case 'gbdt': {
      const p = { ...GBDT_DEFAULTS, ...(params as Partial<typeof GBDT_DEFAULTS>) };
      // Without validation rows nothing stops early: the rounds asked for, or the 1000 a single model always had.
      if (!valid) p.maxRounds = Number(params.rounds ?? UNVALIDATED_ROUNDS);
      const fit = fitGbdt(data, train, valid, ts.obj, ts.C, p, deadline, seed);
      out.gbdt = fit.model;
      out.rounds = fit.rounds;
      return out;
    }
    case 'mlp': {
      const hidden = [
        Number(params.width ?? 64),
        ...(Number(params.layers ?? 2) > 1 ? [Math.max(8, Number(params.width ?? 64) >> 1)] : []),
      ];
      const p = {
        ...MLP_DEFAULTS,
        hidden,
        learningRate: Number(params.learningRate ?? MLP_DEFAULTS.learningRate),
        l2: Number(params.l2 ?? MLP_DEFAULTS.l2),
        batchSize: train.length > 10_000 ? 256 : 128,
        maxEpochs: !valid && params.epochs ? Number(params.epochs) : MLP_DEFAULTS.maxEpochs,
      };
      const fit = fitMlp(ts.dense, ts.d, ts.y, w, train, valid, ts.obj, ts.C, p, deadline, seed);
      out.mlp = fit.model;
      out.rounds = fit.epochs;
      return out;
    }
    default: {
      const extra = family === 'extra_trees';
      const single = family === 'decision_tree';
      out.forest = fitForest(
        data,
        train,
        ts.C,
        {
          trees: single ? 1 : Number(params.trees ?? 300),
          maxFeatures: single ? 1 : Number(params.maxFeatures),
          minLeaf: Number(params.minLeaf ?? 1),
          maxDepth: Number(params.maxDepth ?? Infinity),
          extra,
          bootstrap: !extra && !single,
        },
        deadline,
        seed,
      );
      return out;
    }
  }
}

/** Outputs (rows x outDim) for the given rows of the prediction set (all when null). */
export function predictEstimator(e: Fitted, ps: PredictSet, rows: ArrayLike<number> | null): Float64Array {
  const n = rows ? rows.length : ps.binned.n;
  if (e.prior) {
    const K = e.prior.length;
    const out = new Float64Array(n * K);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) out[i * K + k] = e.prior[k];
    return out;
  }
  if (e.gbdt) return marginsToOutput(e.gbdt.obj, gbdtMargins(e.gbdt, ps.binned, rows), n, e.gbdt.K);
  if (e.linear) return marginsToOutput(e.linear.obj, linearMargins(e.linear, ps.dense, rows), n, e.linear.K);
  if (e.mlp) return marginsToOutput(e.mlp.obj, mlpMargins(e.mlp, ps.dense, e.mlp.layers[0].nIn, rows), n, e.mlp.K);
  return forestPredict(e.forest!, ps.binned, rows);
}

export interface FittedJSON {
  family: Family;
  params: Params;
  rounds?: number;
  gbdt?: GbdtJSON;
  forest?: ForestJSON;
  linear?: LinearModel;
  mlp?: MlpJSON;
  prior?: number[];
}

export function fittedToJSON(e: Fitted): FittedJSON {
  return {
    family: e.family,
    params: e.params,
    rounds: e.rounds,
    prior: e.prior,
    linear: e.linear,
    gbdt: e.gbdt && gbdtToJSON(e.gbdt),
    forest: e.forest && forestToJSON(e.forest),
    mlp: e.mlp && mlpToJSON(e.mlp),
  };
}

export function fittedFromJSON(j: FittedJSON): Fitted {
  return {
    family: j.family,
    params: j.params,
    rounds: j.rounds,
    prior: j.prior,
    linear: j.linear,
    gbdt: j.gbdt && gbdtFromJSON(j.gbdt),
    forest: j.forest && forestFromJSON(j.forest),
    mlp: j.mlp && mlpFromJSON(j.mlp),
  };
}
