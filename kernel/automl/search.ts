/**
 * The search under a wall-clock budget: every family's default first (cheapest first), then random
 * configurations, half of them from the currently best family. Trials are scored on out-of-fold
 * (or holdout) predictions; a greedy ensemble over the best trials is kept when it scores better.
 */
import { fitEstimator, predictEstimator, type Family, type Fitted, type Params, type TrainSet } from './estimators';
import type { TaskKind } from './profile';
import { Rng } from './rng';
import { defaultParams, FAMILY_ORDER, sampleParams, type SpaceInfo } from './searchSpace';
import { isBetter, metricName, taskScore } from './taskMetric';
import { makePlan, type ValidationPlan } from './validation';
import { AutoMLError } from './AutoMLError';
import type { Member } from './AutoMLModel';

export interface Trial {
  id: number;
  family: Family;
  params: Params;
  /** Validation metric (metricName of the task). */
  score: number;
  trainSeconds: number;
  predictSeconds: number;
  /** Per fold (CV) or one inner model (holdout). */
  models: Fitted[];
  /** Predictions for plan.evalRows. */
  oof: Float64Array;
}

export interface AutoMLProgress {
  kind: 'trial' | 'final';
  trial: number;
  family: Family;
  score: number;
  bestScore: number;
  metric: string;
  elapsedSeconds: number;
  secondsLeft: number;
}

export interface SearchOptions {
  task: TaskKind;
  deadline: number;
  maxTrials: number;
  seed: number;
  onProgress?: (e: AutoMLProgress) => void;
  signal?: AbortSignal;
}

export interface SearchResult {
  plan: ValidationPlan;
  trials: Trial[];
  /** Ensemble members (trial ids) and weights; one member with weight 1 when no ensemble helps. */
  ensemble: { trial: number; weight: number }[];
  ensembleScore: number;
  /** Final estimators per member: fold models (CV) or the model refit on all rows (holdout). */
  members: Member[];
  refit: boolean;
}

export async function runSearch(ts: TrainSet, space: SpaceInfo, o: SearchOptions): Promise<SearchResult> {
  const rng = new Rng(o.seed);
  const plan = makePlan(ts.y, ts.C, rng);
  const outDim = ts.C || 1;
  const yEval = Array.from(plan.evalRows, (r) => ts.y[r]);
  const t0 = Date.now();
  const trials: Trial[] = [];
  const lastCost = new Map<Family, number>();
  let best: Trial | null = null;
  // Without any usable feature only the baseline can be fitted.
  const families = ts.binned.nFeatures ? FAMILY_ORDER.filter((f) => f !== 'mlp' || ts.d > 0) : FAMILY_ORDER.slice(0, 1);
  const queue: [Family, Params][] = families.map((f) => [f, defaultParams(f, space)]);
  const reserve = () => (plan.kind === 'holdout' && best ? 1.5 * best.trainSeconds * 1000 : 0) + 200;
  let linearTrials = 0;

  for (let id = 0; trials.length < o.maxTrials; id++) {
    await new Promise((r) => setImmediate(r));
    if (o.signal?.aborted) throw new AutoMLError('The AutoML run was cancelled.');
    const now = Date.now();
    if (trials.length > 0 && now >= o.deadline - reserve()) break;
    let next = queue.shift();
    if (!next) {
      const open = families.filter((f) => f !== 'baseline' && (f !== 'linear' || linearTrials < 15)
        && now + (lastCost.get(f) ?? 0) < o.deadline - reserve());
      if (!open.length) break;
      const fam = best && best.family !== 'baseline' && open.includes(best.family) && rng.next() < 0.5
        ? best.family : open[rng.int(open.length)];
      next = [fam, sampleParams(fam, space, rng)];
    }
    const [family, params] = next;
    if (trials.length > 0 && now + (lastCost.get(family) ?? 0) > o.deadline - reserve()) continue;
    if (family === 'linear') linearTrials++;
    // One trial may use at most 40 % of the budget, so a slow family cannot starve the others.
    const trialDeadline = Math.min(o.deadline - (trials.length ? reserve() : 0), now + 0.4 * (o.deadline - t0));
    const trial = runTrial(ts, plan, id, family, params, outDim, trialDeadline, rng.seedFor(id));
    trial.score = taskScore(o.task, yEval, trial.oof, ts.C);
    lastCost.set(family, (trial.trainSeconds + trial.predictSeconds) * 1000);
    trials.push(trial);
    if (!best || isBetter(o.task, trial.score, best.score)) best = trial;
    o.onProgress?.({
      kind: 'trial', trial: trial.id, family, score: trial.score, bestScore: best.score, metric: metricName(o.task),
      elapsedSeconds: (Date.now() - t0) / 1000, secondsLeft: Math.max(0, (o.deadline - Date.now()) / 1000),
    });
  }
  if (!best) throw new AutoMLError('No model could be trained within the budget.');
  const { ensemble, score } = greedyEnsemble(trials, o.task, yEval, ts.C, outDim, best);
  const members: Member[] = ensemble.map((m) => ({ weight: m.weight, models: trials.find((t) => t.id === m.trial)!.models }));
  let refit = false;
  const all = Uint32Array.from({ length: ts.y.length }, (_, i) => i);
  // Refits reuse what the trial's models reached: early-stopped rounds/epochs (+10 % for the extra
  // rows) and, for forests cut short by the deadline, the tree count actually grown.
  const fullParams = (t: Trial, fitted: Fitted[]): Params => {
    const rounds = fitted.map((f) => f.rounds ?? 0).reduce((a, b) => a + b, 0) / fitted.length;
    if (rounds) return { ...t.params, rounds: Math.max(1, Math.round(rounds * 1.1)), epochs: Math.max(1, Math.round(rounds * 1.1)) };
    if (fitted[0].forest) return { ...t.params, trees: Math.max(...fitted.map((f) => f.forest!.trees.length)) };
    return t.params;
  };
  const refitDeadline = o.deadline + 0.05 * (o.deadline - t0);
  if (plan.kind === 'cv') {
    // Small data: a model refit on every row joins the fold models with half of the member's weight.
    members.forEach((m, i) => {
      const t = trials.find((x) => x.id === ensemble[i].trial)!;
      if (t.family === 'baseline' || Date.now() + (t.trainSeconds / plan.folds.length) * 1500 > refitDeadline) return;
      const full = fitEstimator(ts, t.family, fullParams(t, m.models), all, null, refitDeadline, o.seed);
      const k = m.models.length;
      m.models = [...m.models, full];
      m.modelWeights = [...Array.from({ length: k }, () => 0.5 / k), 0.5];
      refit = true;
    });
  }
  if (plan.kind === 'holdout') {
    // Refit each member on all rows when its measured cost still fits; otherwise keep the inner model.
    members.forEach((m, i) => {
      const t = trials.find((x) => x.id === ensemble[i].trial)!;
      if (Date.now() + t.trainSeconds * 1250 > refitDeadline) return;
      m.models = [fitEstimator(ts, t.family, fullParams(t, m.models), all, null, refitDeadline, o.seed)];
      refit = true;
    });
  }
  return { plan, trials, ensemble, ensembleScore: score, members, refit };
}

function runTrial(
  ts: TrainSet, plan: ValidationPlan, id: number, family: Family, params: Params, outDim: number, deadline: number, seed: number,
): Trial {
  const oof = new Float64Array(plan.evalRows.length * outDim);
  const models: Fitted[] = [];
  let trainMs = 0, predictMs = 0, pos = 0;
  const start = Date.now();
  for (const [i, fold] of plan.folds.entries()) {
    // Each fold gets its share of the trial's time, so a slow family still completes every fold
    // (with fewer trees or rounds) instead of being cut off halfway.
    const foldDeadline = start + ((i + 1) * (deadline - start)) / plan.folds.length;
    const a = Date.now();
    const m = fitEstimator(ts, family, params, fold.train, fold.valid, foldDeadline, seed);
    const b = Date.now();
    const out = predictEstimator(m, ts, fold.valid);
    predictMs += Date.now() - b;
    trainMs += b - a;
    oof.set(out, pos);
    pos += out.length;
    models.push(m);
  }
  return { id, family, params, score: NaN, trainSeconds: trainMs / 1000, predictSeconds: predictMs / 1000, models, oof };
}

/** Caruana-style greedy selection with replacement over the best trials' validation predictions. */
function greedyEnsemble(trials: Trial[], task: TaskKind, y: number[], C: number, outDim: number, best: Trial) {
  const pool = trials.filter((t) => t.family !== 'baseline' && !Number.isNaN(t.score))
    .sort((a, b) => (isBetter(task, a.score, b.score) ? -1 : 1)).slice(0, 10);
  const single = { ensemble: [{ trial: best.id, weight: 1 }], score: best.score };
  if (pool.length < 2) return single;
  const sum = new Float64Array(y.length * outDim);
  const counts = new Map<number, number>();
  let bestScore = NaN, size = 0;
  for (let it = 0; it < 25; it++) {
    let pick: Trial | null = null, pickScore = NaN;
    for (const t of pool) {
      const avg = sum.map((v, i) => (v + t.oof[i]) / (size + 1));
      const s = taskScore(task, y, avg, C);
      if (!pick || isBetter(task, s, pickScore)) { pick = t; pickScore = s; }
    }
    if (!isBetter(task, pickScore, bestScore) && it >= 5) break;
    for (let i = 0; i < sum.length; i++) sum[i] += pick!.oof[i];
    size++;
    counts.set(pick!.id, (counts.get(pick!.id) ?? 0) + 1);
    if (isBetter(task, pickScore, bestScore)) bestScore = pickScore;
  }
  const finalScore = taskScore(task, y, sum.map((v) => v / size), C);
  if (!isBetter(task, finalScore, best.score)) return single;
  return { ensemble: [...counts].map(([trial, c]) => ({ trial, weight: c / size })), score: finalScore };
}
