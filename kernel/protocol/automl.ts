/**
 * AutoML from the UI: start a baseline model search on a result or a shared table, follow it through
 * `automl.progress` notices, cancel it, and then fetch, export or keep what it found.
 */
import * as s from '../../common/schema';

const AUTOML_TASKS = ['binary', 'multiclass', 'regression'] as const;
export type AutomlTask = (typeof AUTOML_TASKS)[number];

/** What to train on: a result the session holds (its grid handle) or a shared table (`share.schema.table`). */
const automlSource = s.union(
  [s.object({ handle: s.string() }), s.object({ table: s.string() })],
  // "a object" is the wording tests and clients have matched since the first string shapes.
  'a object: a result ({ handle }) or a shared table ({ table })',
);
export type AutomlSource = s.Infer<typeof automlSource>;

const theme = s.optional(s.oneOf(['light', 'dark']));
const job = { sessionId: s.string(), jobId: s.string() };

/** The params of each AutoML request, checked at run time; their types below are inferred from these. */
export const AUTOML_PARAMS = {
  'automl.start': s.object({
    sessionId: s.string(),
    source: automlSource,
    /** The column to predict. */
    target: s.string(),
    /** Inferred from the target when absent. */
    task: s.optional(s.oneOf(AUTOML_TASKS)),
    /** The selection metric; the task's own (roc_auc, log_loss, rmse) when absent. */
    metric: s.optional(s.string()),
    budgetSeconds: s.number(),
    seed: s.optional(s.number()),
    /** Columns never used as features. */
    exclude: s.optional(s.array(s.string())),
    /** Columns used although a check flagged them (leak, identifier, set after the outcome). */
    include: s.optional(s.array(s.string())),
    /** Date or timestamp column for a time split; guessed when absent, '' for no time split. */
    timeColumn: s.optional(s.string()),
  }),
  'automl.columns': s.object({
    sessionId: s.string(),
    source: automlSource,
    /** Guessed (a plausible label or measure) when absent. */
    target: s.optional(s.string()),
  }),
  'automl.cancel': s.object(job),
  'automl.result': s.object({ ...job, theme }),
  'automl.exportModel': s.object({ ...job, path: s.string() }),
  'automl.exportReport': s.object({ ...job, path: s.string(), theme }),
  'automl.notebook': s.object({ ...job, table: s.optional(s.string()) }),
  'automl.addToSession': s.object({ ...job, name: s.optional(s.string()) }),
};

type In<K extends keyof typeof AUTOML_PARAMS> = s.Infer<(typeof AUTOML_PARAMS)[K]>;

export interface AutomlRequests {
  /** Starts a search in the background and answers at once; progress arrives as `automl.progress` notices. */
  'automl.start': {
    params: In<'automl.start'>;
    result: { jobId: string };
  };
  /** The checks the search would run before it starts: each column's type, whether it is used, and why. */
  'automl.columns': { params: In<'automl.columns'>; result: AutomlColumns };
  /** Stops the search promptly; the job then finishes with the best model found so far. */
  'automl.cancel': { params: In<'automl.cancel'>; result: { ok: true } };
  /** The finished job's report; fails while the job still runs or when it failed. */
  'automl.result': { params: In<'automl.result'>; result: AutomlReport };
  /** Writes the model file (JSON, loadable with `automl.loadModel`; `.json` added when missing); a relative path is under the workspace. */
  'automl.exportModel': { params: In<'automl.exportModel'>; result: { path: string } };
  /**
   * Writes the self-contained HTML report (`.html` added when missing, never twice). It shows its
   * reader's light or dark look; `theme` (the window's) only where the reader's browser states none.
   */
  'automl.exportReport': { params: In<'automl.exportReport'>; result: { path: string } };
  /** The cells that reproduce the best model, reading the data by `table` (a result's name) when given. */
  'automl.notebook': { params: In<'automl.notebook'>; result: { cells: AutomlReport['cells'] } };
  /** Defines the model as a variable of the TypeScript realm (`model.predict(df)` in the next cell). */
  'automl.addToSession': { params: In<'automl.addToSession'>; result: { name: string } };
}

/** What the checks before a search found, for the dialog's column list. */
export interface AutomlColumns {
  /** The target the checks ran for (the guess when none was given). */
  target: string;
  /** The time column the search would split on (null: none found). */
  timeColumn: string | null;
  /** Every date or timestamp column, for the time column choice. */
  timeColumns: string[];
  columns: AutomlColumn[];
}

export interface AutomlColumn {
  name: string;
  /** The profile's type: numeric, categorical, datetime, id, text, constant, ... */
  kind: string;
  /** Whether the search would use it as it stands (flagged columns are not used). */
  used: boolean;
  reason: string;
  /** Set when a check flagged it; the user can include it back. */
  flag?: 'leak' | 'post-outcome' | 'id';
}

/** One finished trial. */
export interface AutomlLeaderRow {
  /** Trial id (the order trials were proposed in). */
  trial: number;
  family: string;
  /** Family, id and key parameters in words, e.g. "gradient boosting #12 · lr 0.1, depth 6". */
  label: string;
  /** Validation metric of the trial. */
  score: number;
  /** Training plus prediction time of the trial. */
  seconds: number;
  params: Record<string, number | boolean>;
}

/** Events of a running job (the session raises them; the host adds `kind` and `sessionId`). */
export type AutomlNotice =
  | {
      kind: 'event';
      type: 'automl.progress';
      sessionId: string;
      jobId: string;
      /** Trials finished so far. */
      trial: number;
      family: string;
      /** The finished trial in words: family, id and key parameters. */
      label?: string;
      params: Record<string, number | boolean>;
      score: number;
      bestScore: number;
      metric: string;
      elapsedMs: number;
      budgetMs: number;
      /** The best trials so far, best first (at most 10). */
      leaderboard: AutomlLeaderRow[];
      /** The validation split in a few words, e.g. "time split on order_date (newest 20 % validates)". */
      split?: string;
    }
  | {
      kind: 'event';
      type: 'automl.done';
      sessionId: string;
      jobId: string;
      /** `cancelled` still has a model when any trial finished; `error` has the reason in `message`. */
      status: 'done' | 'cancelled' | 'error';
      message?: string;
    };

export interface AutomlReport {
  jobId: string;
  cancelled: boolean;
  target: string;
  task: AutomlTask;
  metric: string;
  /** Training rows. */
  rows: number;
  validation: 'cv' | 'holdout' | 'time';
  /** The split in words (with the time column and cut-off for a time split). */
  split: { text: string; timeColumn?: string };
  validationScore: number;
  /** The final model, e.g. "gbdt #3 (0.60) + random_forest #5 (0.40)". */
  model: string;
  /** The final model's members with weights, and the sentence that explains them. */
  ensemble: { trial: number; label: string; weight: number; score: number }[];
  ensembleText: string;
  trainSeconds: number;
  parallelTrials: number;
  leaderboard: AutomlLeaderRow[];
  /** Metric name → value on the training rows and on validation. */
  metrics: { name: string; train?: number; validation?: number }[];
  importance: { column: string; importance: number }[];
  dropped: { column: string; reason: string; flag?: 'leak' | 'post-outcome' | 'id' }[];
  /**
   * Standalone SVG charts: leaderboard, importance, ROC/PR, confusion or predicted vs actual; `note`
   * says what the chart was measured on when its title does not (the importance's rows).
   */
  charts: { title: string; svg: string; note?: string }[];
  /**
   * How to read the numbers (kernel/automl/reportNotes.ts): which way the score is better and its
   * unit; why rows were or were not split by time ('' when the user named the time column); what
   * the metrics' train and validation columns measure.
   */
  notes: {
    reading: string;
    split: string;
    metrics: string;
    /** Why the leaderboard's scores need care, after "The scores" (empty: they need none). */
    leaderboard: string;
  };
  /** Cells that reproduce the best trial step by step in this notebook. */
  cells: { language: 'typescript' | 'markdown'; source: string }[];
  /** The variable name `automl.addToSession` uses by default. */
  variable: string;
  /**
   * What the user must know to read the scores, in words: classes scored in validation or test rows
   * that (almost) no training row had, and how much of the log loss they are; a final model that
   * answers one class for every row or does no better than the class frequencies (or the mean).
   */
  warnings: { code: 'unseen-class' | 'unseen-class-log-loss' | 'predicts-one-class' | 'no-better-than-baseline'; text: string }[];
}
