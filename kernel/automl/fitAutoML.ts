/**
 * One AutoML run: profile the training rows, build features, search under the budget, then report
 * metrics, a leaderboard and explanations for the best model.
 */
import { AutoMLModel } from './AutoMLModel';
import { AutoMLError } from './AutoMLError';
import { Binner } from './binner';
import type { Family, Params, TrainSet } from './estimators';
import { evaluate, type MetricReport } from './evaluate';
import { isTreeModel, permutationImportance, type Importance } from './explain';
import { LinearEncoder } from './linearEncoder';
import { initTensorflow } from './mlp';
import { Preprocessor } from './preprocessor';
import { isMissing, labelOf, profileTable, type DataProfile, type TaskKind } from './profile';
import { Rng } from './rng';
import { chooseColumns } from './chooseColumns';
import { CV_MAX_ROWS } from './validation';
import { distinctPrecision } from './distinctPrecision';
import { describeSplit, guessTimeColumn, splitPhrase, timesOf, type SplitInfo } from './timeSplit';
import { makeTimePlan } from './timeFolds';
import { runSearch, type AutoMLProgress } from './search';
import { metricName } from './taskMetric';
import { tableRowCount, type AutoMLTable, type AutoMLValue } from './table';
import { defaultWorkers, workerPoolRunner } from './WorkerPool';
import { logLoss } from './metrics';
import { unseenInTest, unseenInValidation, type UnseenClass } from './unseenClasses';
import { noBetterThanBaseline, type BaselineWarning } from './noBetterThanBaseline';

export interface AutoMLOptions {
  target: string;
  task?: TaskKind;
  metric?: string;
  budgetSeconds?: number;
  maxTrials?: number;
  seed?: number;
  trainIndex?: number[];
  testIndex?: number[];
  onProgress?: (e: AutoMLProgress) => void;
  /** Aborting stops the search promptly and returns the best model found so far. */
  signal?: AbortSignal;
  /** Worker threads that run trials side by side (default min(cores, 4)); 0 runs them in this thread. */
  workers?: number;
  /** Model families to search (the baseline always runs); all when absent. */
  families?: Family[];
  /** Columns never used as features. */
  exclude?: string[];
  /** Columns used although a check before the search flagged them (leak, identifier, ...). */
  include?: string[];
  /**
   * A date or timestamp column: validate on the most recent rows, train on the past. Guessed from the
   * data when absent; `null` turns it off (shuffled cross-validation or holdout).
   */
  timeColumn?: string | null;
}

export interface LeaderboardEntry {
  trial: number;
  family: Family;
  params: Params;
  score: number;
  trainSeconds: number;
  predictSeconds: number;
}

export interface AutoMLRun {
  target: string;
  task: TaskKind;
  metric: string;
  seed: number;
  profile: DataProfile;
  validation: 'cv' | 'holdout' | 'time';
  /** The validation split in words, with the time column and cut-off for a time split. */
  split: SplitInfo;
  /** Rows used for training (after sampling very large tables). */
  trainRows: number[];
  leaderboard: LeaderboardEntry[];
  best: LeaderboardEntry;
  /** Members of the final model (a single entry when no ensemble beat the best trial). */
  ensemble: { trial: number; family: Family; weight: number }[];
  validationScore: number;
  refit: boolean;
  model: AutoMLModel;
  metrics: { train: MetricReport; validation: MetricReport; test?: MetricReport };
  importance: Importance[];
  /** Whether TreeSHAP applies to the final model. */
  shapAvailable: boolean;
  trainSeconds: number;
  /** TensorFlow.js backend the MLP family trained on. */
  tfBackend: string;
  /** The final model's out-of-fold (or holdout) outputs and their targets (class index or value). */
  validationPredictions: { y: Float64Array; outputs: Float64Array };
  /** Whether the run was cancelled; it then holds the best model of the trials that finished. */
  cancelled: boolean;
  /** Trials that ran side by side (worker threads, or 1 in the calling thread). */
  parallelTrials: number;
  /** Classes scored in validation or test rows but (nearly) absent from the rows trained for them. */
  unseenClasses: UnseenClass[];
  /** What the user must know to read the scores, in words (shown above the report and leaderboard). */
  warnings: RunWarning[];
  /** How the time column came about: named, guessed from the data, turned off, or none found. */
  timeColumnFrom: 'given' | 'guessed' | 'off' | 'none-found';
  /** The rows permutation importance was measured on: test rows when given, else training rows. */
  importanceRows: { set: 'training' | 'test'; rows: number };
}

export interface RunWarning {
  code: 'unseen-class' | 'unseen-class-log-loss' | BaselineWarning['code'];
  text: string;
}

/** Tables above this many training rows are sampled for the search (stated in the profile). */
const MAX_TRAIN_ROWS = 250_000;

export async function fitAutoML(table: AutoMLTable, opts: AutoMLOptions): Promise<AutoMLRun> {
  const seed = opts.seed ?? 0;
  const budget = opts.budgetSeconds ?? (opts.maxTrials ? Infinity : 60);
  if (!(budget > 0)) throw new AutoMLError(`The time budget must be more than 0 seconds (got ${opts.budgetSeconds}).`);
  if (opts.maxTrials !== undefined && !(opts.maxTrials >= 1)) throw new AutoMLError('maxTrials must be at least 1.');
  const n = tableRowCount(table);
  if (n < 2) throw new AutoMLError(`The table has ${n} row(s); AutoML needs at least 2.`);
  const targetCol = table.columns.find((c) => c.name === opts.target);
  if (!targetCol) throw new AutoMLError(`Target column "${opts.target}" is not in the table.`);
  const start = Date.now();
  const tv = targetCol.values as ArrayLike<AutoMLValue>;
  let trainRows = (opts.trainIndex ?? Array.from({ length: n }, (_, i) => i)).filter((r) => !isMissing(tv[r]));
  if (trainRows.length < 2) throw new AutoMLError(`Target "${opts.target}" has fewer than 2 non-missing values in the training rows.`);
  if (trainRows.length > MAX_TRAIN_ROWS) {
    const rng = new Rng(seed + 1);
    trainRows = rng
      .sample(trainRows.length, MAX_TRAIN_ROWS)
      .map((i) => trainRows[i])
      .sort((a, b) => a - b);
  }
  const profile = chooseColumns(table, profileTable(table, opts.target, trainRows, opts.task), trainRows, opts, seed);
  const timeColumn = opts.timeColumn === undefined ? guessTimeColumn(profile.columns, trainRows.length) : opts.timeColumn;
  if (timeColumn && timeColumn === opts.target) throw new AutoMLError(`The time column cannot be the target "${opts.target}".`);
  if (timeColumn && !table.columns.some((c) => c.name === timeColumn))
    throw new AutoMLError(`Time column "${timeColumn}" is not in the table.`);
  const times = timeColumn ? timesOf(table, timeColumn, trainRows) : undefined;
  const isDates = profile.columns.find((c) => c.name === timeColumn)?.kind === 'datetime';
  if (times && !times.some((t) => !Number.isNaN(t))) throw new AutoMLError(`Time column "${timeColumn}" holds no dates or times.`);
  if (opts.metric && opts.metric !== metricName(profile.task))
    throw new AutoMLError(`Metric "${opts.metric}" is not supported for ${profile.task}; use ${metricName(profile.task)}.`);
  const task = profile.task;
  const C = task === 'regression' ? 0 : profile.classes.length;
  const classIndex = new Map(profile.classes.map((c, i) => [c, i]));
  const yOf = (rows: number[]) => Float64Array.from(rows, (r) => (C ? (classIndex.get(labelOf(tv[r])) ?? -1) : Number(tv[r])));
  const y = yOf(trainRows);
  if (!C && y.some((v) => !Number.isFinite(v)))
    throw new AutoMLError(`Target "${opts.target}" has non-numeric values; it cannot be a regression target.`);

  const pre = Preprocessor.fit(table, profile.columns, trainRows);
  const fm = pre.transform(table, trainRows);
  const all = Array.from({ length: fm.n }, (_, i) => i);
  const binner = Binner.fit(fm);
  const encoder = LinearEncoder.fit(fm, all);
  const ts: TrainSet = {
    obj: task,
    C,
    binned: binner.transform(fm),
    nBins: binner.nBins,
    isCat: binner.isCat,
    dense: encoder.transform(fm),
    d: encoder.width,
    y,
  };
  const splitWords = splitPhrase(timeColumn, times ? makeTimePlan(times).folds.length : 0, trainRows.length < CV_MAX_ROWS);
  const tfBackend = await initTensorflow();
  const workers = Math.max(0, Math.floor(opts.workers ?? defaultWorkers()));
  const result = await runSearch(
    ts,
    { task, C, nFeatures: fm.cols.length, n: fm.n },
    {
      task,
      deadline: start + budget * 1000,
      maxTrials: opts.maxTrials ?? Infinity,
      seed,
      onProgress: opts.onProgress && ((e) => opts.onProgress!({ ...e, split: splitWords })),
      signal: opts.signal,
      runner: workerPoolRunner(workers),
      time: times,
      families: opts.families,
    },
  );
  const model = new AutoMLModel(task, opts.target, profile.classes, pre, binner, encoder, result.members);
  const trainSeconds = (Date.now() - start) / 1000;

  const leaderboard: LeaderboardEntry[] = result.trials.map((t) => ({
    trial: t.id,
    family: t.family,
    params: t.params,
    score: t.score,
    trainSeconds: t.trainSeconds,
    predictSeconds: t.predictSeconds,
  }));
  const sorted = [...leaderboard].sort((a, b) => (task === 'binary' ? b.score - a.score : a.score - b.score));
  const outDim = C || 1;
  const validOut = new Float64Array(result.plan.evalRows.length * outDim);
  for (const m of result.ensemble) {
    const t = result.trials.find((x) => x.id === m.trial)!;
    for (let i = 0; i < validOut.length; i++) validOut[i] += m.weight * t.oof[i];
  }
  const validY = Float64Array.from(result.plan.evalRows, (r) => y[r]);
  const metrics: AutoMLRun['metrics'] = {
    train: evaluate(task, y, model.outputsFromFeatures(model.prepareFeatures(fm)), C),
    validation: evaluate(task, validY, validOut, C),
  };
  const unseen = C
    ? unseenInValidation({
        target: opts.target,
        classes: profile.classes,
        y,
        folds: result.plan.folds,
        time: times && timeColumn && result.plan.kind === 'time' ? { column: timeColumn, times } : undefined,
      })
    : [];
  let importance: Importance[];
  let importanceRows: AutoMLRun['importanceRows'];
  const testRows = (opts.testIndex ?? []).filter((r) => !isMissing(tv[r]));
  if (testRows.length) {
    const yt = yOf(testRows);
    const keep = testRows.filter((_, i) => yt[i] >= 0);
    const yk = yt.filter((v) => v >= 0);
    const tfm = pre.transform(table, keep);
    metrics.test = evaluate(task, yk, model.outputsFromFeatures(model.prepareFeatures(tfm)), C);
    if (C)
      unseen.push(
        ...unseenInTest(
          opts.target,
          trainRows.map((r) => labelOf(tv[r])),
          testRows.map((r) => labelOf(tv[r])),
        ),
      );
    importance = permutationImportance(model, sampleFm(tfm, 2000), yk.slice(0, 2000), seed);
    importanceRows = { set: 'test', rows: Math.min(2000, yk.length) };
  } else {
    importance = permutationImportance(model, sampleFm(fm, 2000), y.slice(0, 2000), seed);
    importanceRows = { set: 'training', rows: Math.min(2000, y.length) };
  }
  opts.onProgress?.({
    kind: 'final',
    split: splitWords,
    trial: leaderboard.length,
    id: sorted[0].trial,
    family: sorted[0].family,
    params: sorted[0].params,
    score: result.ensembleScore,
    seconds: 0,
    bestScore: result.ensembleScore,
    metric: metricName(task),
    elapsedSeconds: trainSeconds,
    secondsLeft: 0,
  });
  return {
    target: opts.target,
    task,
    metric: metricName(task),
    seed,
    profile,
    validation: result.plan.kind,
    split: describeSplit(
      result.plan.kind,
      times && timeColumn ? { column: timeColumn, times, folds: result.plan.folds, dates: isDates } : undefined,
    ),
    trainRows,
    leaderboard: sorted,
    best: sorted[0],
    validationScore: result.ensembleScore,
    refit: result.refit,
    model,
    ensemble: result.ensemble.map((m) => ({ ...m, family: result.trials.find((t) => t.id === m.trial)!.family })),
    metrics,
    importance,
    shapAvailable: isTreeModel(model),
    trainSeconds,
    tfBackend,
    validationPredictions: { y: validY, outputs: validOut },
    cancelled: result.cancelled,
    parallelTrials: result.parallelTrials,
    unseenClasses: unseen,
    timeColumnFrom: opts.timeColumn === null ? 'off' : opts.timeColumn !== undefined ? 'given' : timeColumn ? 'guessed' : 'none-found',
    importanceRows,
    warnings: [
      ...unseen.map((u) => ({ code: 'unseen-class' as const, text: u.text })),
      ...logLossWarning(unseen, profile.classes, result.plan.folds, validY, validOut, metrics.validation.log_loss),
      ...noBetterThanBaseline({
        task,
        metric: metricName(task),
        classes: profile.classes,
        y: validY,
        outputs: validOut,
        score: result.ensembleScore,
        baselineScore: result.trials.find((t) => t.family === 'baseline')?.score,
      }),
    ],
  };
}

/**
 * Log loss clips probabilities at 1e-15, so it stays finite, but a row of a class no model saw costs
 * −ln(1e-15) ≈ 34.5: a handful of such rows outweigh everything else. Say how much of the score they
 * are, and what it is on the rows the models could learn from.
 */
function logLossWarning(
  unseen: UnseenClass[],
  classes: string[],
  folds: { valid: ArrayLike<number> }[],
  y: Float64Array,
  out: Float64Array,
  all?: number,
): RunWarning[] {
  const found = unseen.filter((u) => u.where === 'validation');
  if (all === undefined || !found.length) return [];
  const labels = found.map((u) => u.label);
  const C = classes.length;
  // The scored rows are the folds' validation rows one fold after another (the plan's evalRows).
  const bad = new Uint8Array(y.length);
  for (const u of found) {
    const k = classes.indexOf(u.label);
    for (let j = 0, at = 0; j < folds.length; at += folds[j].valid.length, j++)
      if (u.folds?.includes(j)) for (let i = at; i < at + folds[j].valid.length; i++) if (y[i] === k) bad[i] = 1;
  }
  const keep: number[] = [];
  for (let i = 0; i < y.length; i++) if (!bad[i]) keep.push(i);
  const m = y.length - keep.length;
  const seen = keep.length
    ? logLoss(
        keep.map((i) => y[i]),
        Float64Array.from(keep.flatMap((i) => Array.from(out.subarray(i * C, i * C + C)))),
        C,
      )
    : NaN;
  const names = labels.map((l) => `"${l}"`).join(', ');
  const [allText, seenText] = keep.length ? distinctPrecision(all, seen) : [all.toPrecision(3), ''];
  const rest = keep.length ? `; on the other ${keep.length} validation rows it is ${seenText}` : '';
  return [
    {
      code: 'unseen-class-log-loss',
      text:
        `Validation log_loss ${allText} includes ${m} row${m === 1 ? '' : 's'} of ${names} scored by models that did not learn ${labels.length === 1 ? 'it' : 'them'}, each costing up to ` +
        `−ln(1e-15) ≈ 34.5 (probabilities are clipped at 1e-15, so the score stays finite)${rest}.`,
    },
  ];
}

function sampleFm<T extends { n: number; cols: Float64Array[] }>(fm: T, max: number): T {
  if (fm.n <= max) return fm;
  return { ...fm, n: max, cols: fm.cols.map((c) => c.slice(0, max)) };
}
