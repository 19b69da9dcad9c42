/**
 * One search trial: fit a family with fixed parameters on every validation fold and collect its
 * out-of-fold predictions. Runs the same way in the session process and in a pool worker.
 */
import { fitEstimator, predictEstimator, type Family, type Fitted, type Params, type TrainSet } from './estimators';
import type { ValidationPlan } from './validation';

export interface TrialSpec {
  id: number;
  family: Family;
  params: Params;
  /** Wall-clock deadline (ms since epoch; Infinity in deterministic mode). */
  deadline: number;
  seed: number;
}

export interface TrialOutcome {
  id: number;
  family: Family;
  params: Params;
  trainSeconds: number;
  predictSeconds: number;
  /** Per fold (CV) or one inner model (holdout). */
  models: Fitted[];
  /** Predictions for plan.evalRows (rows x outputs). */
  oof: Float64Array;
}

/** A refit of one family on every training row. */
export interface RefitSpec {
  family: Family;
  params: Params;
  deadline: number;
  seed: number;
}

export function runTrial(ts: TrainSet, plan: ValidationPlan, spec: TrialSpec): TrialOutcome {
  const outDim = ts.C || 1;
  const oof = new Float64Array(plan.evalRows.length * outDim);
  const models: Fitted[] = [];
  let trainMs = 0,
    predictMs = 0,
    pos = 0;
  const start = Date.now();
  for (const [i, fold] of plan.folds.entries()) {
    // Each fold gets its share of the trial's time, so a slow family still completes every fold
    // (with fewer trees or rounds) instead of being cut off halfway.
    const foldDeadline = start + ((i + 1) * (spec.deadline - start)) / plan.folds.length;
    const a = Date.now();
    const m = fitEstimator(ts, spec.family, spec.params, fold.train, fold.valid, foldDeadline, spec.seed);
    const b = Date.now();
    const out = predictEstimator(m, ts, fold.valid);
    predictMs += Date.now() - b;
    trainMs += b - a;
    oof.set(out, pos);
    pos += out.length;
    models.push(m);
  }
  return {
    id: spec.id,
    family: spec.family,
    params: spec.params,
    trainSeconds: trainMs / 1000,
    predictSeconds: predictMs / 1000,
    models,
    oof,
  };
}

export function runRefit(ts: TrainSet, spec: RefitSpec): Fitted {
  const all = Uint32Array.from({ length: ts.y.length }, (_, i) => i);
  return fitEstimator(ts, spec.family, spec.params, all, null, spec.deadline, spec.seed);
}
