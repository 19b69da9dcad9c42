/**
 * The search under a wall-clock budget: every family's default first (cheapest first), then random
 * configurations, half of them from the currently best family (most of those near its best one). Trials run side by side on the
 * runner's threads and are scored on out-of-fold (or holdout) predictions; a greedy ensemble over the
 * best trials is kept when it scores better.
 */
import type { Family, Fitted, Params, TrainSet } from './estimators';
import type { TaskKind } from './profile';
import { Rng } from './rng';
import { defaultParams, FAMILY_ORDER, nearParams, sampleParams, type SpaceInfo } from './searchSpace';
import { isBetter, metricName, taskScore } from './taskMetric';
import { makePlan, type ValidationPlan } from './validation';
import { makeTimePlan } from './timeFolds';
import { REFIT_MARGIN, refitCap, refitShare } from './refitBudget';
import { AutoMLError } from './AutoMLError';
import type { Member } from './AutoMLModel';
import type { TrialOutcome, TrialSpec } from './runTrial';
import { inProcessRunner, type RunnerFactory, type TrialRunner } from './TrialRunner';

export interface Trial extends TrialOutcome {
  /** Validation metric (metricName of the task). */
  score: number;
}

export interface AutoMLProgress {
  kind: 'trial' | 'final';
  /** Trials finished so far (increases by one per event; the final event repeats the count). */
  trial: number;
  /** The trial's id, as in the leaderboard (trials finish out of id order when they run in parallel). */
  id: number;
  family: Family;
  params: Params;
  score: number;
  /** The trial's training plus prediction time (0 in the final event). */
  seconds: number;
  bestScore: number;
  metric: string;
  elapsedSeconds: number;
  secondsLeft: number;
  /** The validation split in a few words ("time split on order_date", "5-fold cross-validation"); fitAutoML adds it. */
  split?: string;
}

export interface SearchOptions {
  task: TaskKind;
  deadline: number;
  maxTrials: number;
  seed: number;
  onProgress?: (e: AutoMLProgress) => void;
  /** Aborting stops the search promptly; it then returns the best model found so far. */
  signal?: AbortSignal;
  runner?: RunnerFactory;
  /** Only these families (the baseline always runs); all when absent. */
  families?: Family[];
  /** Each training row's time (ms, NaN when missing): validate on the most recent rows instead of shuffling. */
  time?: Float64Array;
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
  /** Whether the search was cancelled (the result holds what finished before). */
  cancelled: boolean;
  parallelTrials: number;
}

/**
 * A proposal may only look at trials at least this many ids back. The dispatcher waits for them in
 * deterministic mode, so the sequence of proposals, and with it the leaderboard, is the same for any
 * pool of up to this many workers.
 */
const LOOKBACK = 4;

export async function runSearch(ts: TrainSet, space: SpaceInfo, o: SearchOptions): Promise<SearchResult> {
  const rng = new Rng(o.seed);
  const plan = o.time ? makeTimePlan(o.time) : makePlan(ts.y, ts.C, rng);
  const outDim = ts.C || 1;
  const yEval = Array.from(plan.evalRows, (r) => ts.y[r]);
  const deterministic = o.deadline === Infinity;
  const t0 = Date.now();
  const trials: Trial[] = [];
  const lastCost = new Map<Family, number>();
  let best: Trial | null = null;
  // Without any usable feature only the baseline can be fitted.
  const families = ts.binned.nFeatures
    ? FAMILY_ORDER.filter((f) => (f !== 'mlp' || ts.d > 0) && (!o.families || f === 'baseline' || o.families.includes(f)))
    : FAMILY_ORDER.slice(0, 1);
  const queue: [Family, Params][] = families.map((f) => [f, defaultParams(f, space)]);
  // Keep time to refit the best model on all rows (for cross-validation, the one model that joins the
  // fold models), unless that refit would take half the budget anyway (then more trials are the
  // better use of it and the inner model is kept).
  const reserve = () => {
    const refit = best ? REFIT_MARGIN * refitShare(plan) * best.trainSeconds * 1000 : 0;
    return (refit < 0.5 * (o.deadline - t0) ? refit : 0) + 200;
  };
  let linearTrials = 0,
    proposed = 0,
    exhausted = false,
    failure: Error | null = null;
  const inFlight = new Map<number, Promise<void>>();
  const tried = new Set<string>();
  const misses = new Map<Family, number>();
  const spent = new Set<Family>();
  const looked = new Set<Family>();
  const runner = await (o.runner ?? inProcessRunner)(ts, plan);
  const cancelled = new Promise<void>((resolve) => {
    if (o.signal?.aborted) resolve();
    o.signal?.addEventListener('abort', () => resolve(), { once: true });
  });

  /** The best trial a proposal for `id` may use (see LOOKBACK). */
  const bestFor = (id: number) =>
    deterministic
      ? trials.filter((t) => t.id <= id - LOOKBACK).reduce<Trial | null>((b, t) => (!b || isBetter(o.task, t.score, b.score) ? t : b), null)
      : best;
  const mayPropose = (id: number) => !deterministic || [...inFlight.keys()].every((j) => j > id - LOOKBACK);

  const propose = (id: number): TrialSpec | null => {
    const now = Date.now();
    const started = trials.length + inFlight.size > 0;
    if (started && now >= o.deadline - reserve()) return null;
    const known = bestFor(id);
    let next = queue.shift();
    while (next && started && now + (lastCost.get(next[0]) ?? 0) > o.deadline - reserve()) next = queue.shift();
    // Identical configurations are never trained twice: redraw a repeat, and give up on a family
    // (a small one like decision_tree) once 30 redraws in a row land on configurations already tried.
    const fits = (f: Family) => now + (lastCost.get(f) ?? 0) < o.deadline - reserve();
    for (let draws = 0; !next; draws++) {
      const open = families.filter((f) => f !== 'baseline' && !spent.has(f) && (f !== 'linear' || linearTrials < 15) && fits(f));
      if (!open.length) return null;
      // Once the leading family no longer fits in the time left, the search ends: what still fits (a
      // decision tree, a linear model) would not change the model, and the refit gets the time. It
      // drew all 84 decision trees at the end of a search on california_housing before.
      if (known && known.family !== 'baseline' && !fits(known.family)) return null;
      const exploit = known && known.family !== 'baseline' && open.includes(known.family) && rng.next() < 0.5;
      const fam = exploit ? known.family : open[rng.int(open.length)];
      const params = exploit && rng.next() < 0.6 ? nearParams(fam, known.params, space, rng) : sampleParams(fam, space, rng);
      if (!tried.has(configKey(fam, params))) {
        next = [fam, params];
        misses.delete(fam);
      } else if ((misses.set(fam, (misses.get(fam) ?? 0) + 1).get(fam) ?? 0) >= 30) spent.add(fam);
      if (draws > 200) return null;
    }
    const [family, params] = next;
    tried.add(configKey(family, params));
    if (family === 'linear') linearTrials++;
    // One trial may use at most 40 % of the budget, so a slow family cannot starve the others. After
    // its first look (the default, with the full 40 %), a family that is not the best gets 20 %:
    // exploring it then costs a slice of the budget, and the rest goes to refining the leader.
    const leading = !known || known.family === family || !looked.has(family);
    looked.add(family);
    const deadline = Math.min(
      o.deadline - (started ? reserve() : 0),
      now + (leading ? 0.4 : 0.2) * (o.deadline - t0),
      started ? refitCap(plan, now, o.deadline - 200) : Infinity,
    );
    return { id, family, params, deadline, seed: rng.seedFor(id) };
  };

  const finish = (t: TrialOutcome) => {
    const trial: Trial = { ...t, score: taskScore(o.task, yEval, t.oof, ts.C) };
    lastCost.set(trial.family, (trial.trainSeconds + trial.predictSeconds) * 1000);
    trials.push(trial);
    if (!best || isBetter(o.task, trial.score, best.score)) best = trial;
    o.onProgress?.({
      kind: 'trial',
      trial: trials.length,
      id: trial.id,
      family: trial.family,
      params: trial.params,
      score: trial.score,
      seconds: trial.trainSeconds + trial.predictSeconds,
      bestScore: best.score,
      metric: metricName(o.task),
      elapsedSeconds: (Date.now() - t0) / 1000,
      secondsLeft: Math.max(0, (o.deadline - Date.now()) / 1000),
    });
  };

  try {
    while (!o.signal?.aborted && !failure) {
      while (!exhausted && inFlight.size < runner.size && proposed < o.maxTrials && mayPropose(proposed)) {
        const spec = propose(proposed);
        if (!spec) {
          exhausted = true;
          break;
        }
        proposed++;
        inFlight.set(
          spec.id,
          runner
            .trial(spec)
            .then(finish, (e: Error) => {
              if (!o.signal?.aborted) failure ??= e;
            })
            .finally(() => inFlight.delete(spec.id)),
        );
      }
      if (!inFlight.size) break;
      await Promise.race([...inFlight.values(), cancelled]);
    }
    if (failure) throw failure;
    const stopped = Boolean(o.signal?.aborted);
    if (!best)
      throw new AutoMLError(
        stopped ? 'The AutoML run was cancelled before any model finished.' : 'No model could be trained within the budget.',
      );
    trials.sort((a, b) => a.id - b.id);
    const { ensemble, score } = greedyEnsemble(trials, o.task, yEval, ts.C, outDim, best);
    // A time split's fold models are not averaged: the last one trained on the newest rows (a refit replaces it).
    const modelsOf = (id: number) => trials.find((t) => t.id === id)!.models;
    const members: Member[] = ensemble.map((m) => ({
      weight: m.weight,
      models: plan.kind === 'time' ? modelsOf(m.trial).slice(-1) : modelsOf(m.trial),
    }));
    const refit = stopped ? false : await refitMembers(runner, trials, plan, ensemble, members, o, t0);
    return { plan, trials, ensemble, ensembleScore: score, members, refit, cancelled: stopped, parallelTrials: runner.size };
  } finally {
    await runner.close();
  }
}

/**
 * Two configurations are the same trial when every parameter matches after rounding to 4 significant
 * digits; a false flag equals an absent one (a default config has no `balanced`, a draw has `false`).
 */
export function configKey(family: Family, params: Params): string {
  const parts = Object.keys(params)
    .sort()
    .filter((k) => params[k] !== false && params[k] !== undefined)
    .map((k) => `${k}=${typeof params[k] === 'number' ? Number((params[k] as number).toPrecision(4)) : params[k]}`);
  return `${family}:${parts.join(',')}`;
}

/**
 * Whether a refit grew what it was asked to: one cut short by the refit deadline (fewer boosting
 * rounds, epochs or trees) is worse than the model it would replace, so it is dropped.
 */
export function complete(f: Fitted, params: Params): boolean {
  if (f.gbdt) return (f.rounds ?? 0) >= Number(params.rounds ?? 0);
  if (f.mlp) return (f.rounds ?? 0) >= Number(params.epochs ?? 0);
  if (f.forest && f.params.trees !== undefined && f.family !== 'decision_tree') return f.forest.trees.length >= Number(params.trees);
  return true;
}

/** Refits the ensemble's members on all rows when their measured cost still fits (as many at a time as the runner runs). */
async function refitMembers(
  runner: TrialRunner,
  trials: Trial[],
  plan: ValidationPlan,
  ensemble: { trial: number }[],
  members: Member[],
  o: SearchOptions,
  t0: number,
): Promise<boolean> {
  // Refits reuse what the trial's models reached: early-stopped rounds/epochs (+10 % for the extra
  // rows) and, for forests cut short by the deadline, the tree count actually grown.
  const fullParams = (t: Trial, fitted: Fitted[]): Params => {
    const rounds = fitted.map((f) => f.rounds ?? 0).reduce((a, b) => a + b, 0) / fitted.length;
    if (rounds) return { ...t.params, rounds: Math.max(1, Math.round(rounds * 1.1)), epochs: Math.max(1, Math.round(rounds * 1.1)) };
    if (fitted[0].forest) return { ...t.params, trees: Math.max(...fitted.map((f) => f.forest!.trees.length)) };
    return t.params;
  };
  const refitDeadline = o.deadline + 0.05 * (o.deadline - t0);
  let refit = false;
  const one = async (i: number) => {
    const m = members[i];
    const t = trials.find((x) => x.id === ensemble[i].trial)!;
    const spec = { family: t.family, params: fullParams(t, m.models), deadline: refitDeadline, seed: o.seed };
    if (plan.kind === 'cv') {
      // Small data: a model refit on every row joins the fold models with half of the member's weight.
      if (t.family === 'baseline' || Date.now() + (t.trainSeconds / plan.folds.length) * 1500 > refitDeadline) return;
      const full = await runner.refit(spec);
      if (!complete(full, spec.params)) return;
      const k = m.models.length;
      m.models = [...m.models, full];
      m.modelWeights = [...Array.from({ length: k }, () => 0.5 / k), 0.5];
    } else {
      // Holdout or time folds: refit each member on all rows when its measured cost still fits;
      // otherwise keep the model of the last fold (for time folds, the one trained on the newest rows).
      m.models = [m.models[m.models.length - 1]];
      if (Date.now() + refitShare(plan) * t.trainSeconds * 1000 > refitDeadline) return;
      const full = await runner.refit(spec);
      if (!complete(full, spec.params)) return;
      m.models = [full];
    }
    refit = true;
  };
  // Heaviest members first, as many at a time as the runner has threads, each deciding when it can
  // really start (not when it is queued) whether its refit still fits.
  const order = members.map((_, i) => i).sort((a, b) => members[b].weight - members[a].weight);
  await Promise.all(
    Array.from({ length: Math.max(1, runner.size) }, async () => {
      for (let i = order.shift(); i !== undefined; i = order.shift()) await one(i);
    }),
  );
  return refit;
}

/** Caruana-style greedy selection with replacement over the best trials' validation predictions. */
function greedyEnsemble(trials: Trial[], task: TaskKind, y: number[], C: number, outDim: number, best: Trial) {
  // The ten best trials, plus the best two of every family: one family's near-identical
  // configurations rarely fill a useful ensemble, while a weaker but different model often does.
  const ranked = trials
    .filter((t) => t.family !== 'baseline' && !Number.isNaN(t.score))
    .sort((a, b) => (isBetter(task, a.score, b.score) ? -1 : 1));
  const perFamily = new Map<Family, number>();
  const pool = ranked.filter((t, i) => {
    const seen = perFamily.get(t.family) ?? 0;
    perFamily.set(t.family, seen + 1);
    return i < 10 || seen < 2;
  });
  const single = { ensemble: [{ trial: best.id, weight: 1 }], score: best.score };
  if (pool.length < 2) return single;
  const sum = new Float64Array(y.length * outDim);
  const counts = new Map<number, number>();
  let bestScore = NaN,
    size = 0;
  for (let it = 0; it < 25; it++) {
    let pick: Trial | null = null,
      pickScore = NaN;
    for (const t of pool) {
      const avg = sum.map((v, i) => (v + t.oof[i]) / (size + 1));
      const s = taskScore(task, y, avg, C);
      if (!pick || isBetter(task, s, pickScore)) {
        pick = t;
        pickScore = s;
      }
    }
    if (!isBetter(task, pickScore, bestScore) && it >= 5) break;
    for (let i = 0; i < sum.length; i++) sum[i] += pick!.oof[i];
    size++;
    counts.set(pick!.id, (counts.get(pick!.id) ?? 0) + 1);
    if (isBetter(task, pickScore, bestScore)) bestScore = pickScore;
  }
  const finalScore = taskScore(
    task,
    y,
    sum.map((v) => v / size),
    C,
  );
  if (!isBetter(task, finalScore, best.score)) return single;
  return { ensemble: [...counts].map(([trial, c]) => ({ trial, weight: c / size })), score: finalScore };
}
