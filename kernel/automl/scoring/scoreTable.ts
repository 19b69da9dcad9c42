/**
 * Scores a table with a trained model: the table's own columns, then `prediction` (and `p_<class>`
 * per class for a classifier), `model_id` and `scored_at`, ready to be shown or appended to a
 * published table; with a reference (the training data), a drift summary of each input the model
 * reads and of its predictions.
 */
import { AutoMLError } from '../AutoMLError';
import type { AutoMLModel } from '../AutoMLModel';
import type { AutoMLTable, AutoMLValue } from '../table';
import { categoricalDrift, numericDrift, type DriftRow } from './drift';
import { modelId } from './modelId';

export interface ScoreOptions {
  /** The training data (or any baseline) to measure drift against. */
  reference?: AutoMLTable | null;
  /** Overrides the model's content hash as its id. */
  id?: string;
  scoredAt?: Date;
}

export interface ScoredColumn {
  name: string;
  /** DuckDB type, fixed per column kind (numbers always DOUBLE) so appends of later versions match. */
  type: 'DOUBLE' | 'VARCHAR' | 'BOOLEAN' | 'TIMESTAMP';
}

export interface ScoreResult {
  modelId: string;
  scoredAt: Date;
  columns: ScoredColumn[];
  rows: Record<string, AutoMLValue>[];
  drift: DriftRow[] | null;
}

/** An AutoMLModel, or the run `automl.fit` returned (its `model`). */
export function asModel(v: unknown): AutoMLModel {
  const m = (v && typeof v === 'object' && 'model' in v ? (v as { model: unknown }).model : v) as AutoMLModel | undefined;
  if (!m || typeof m.predict !== 'function' || !m.preprocessor) {
    throw new AutoMLError('automl.score: pass a model (run.model, or automl.loadModel(json)) or the run automl.fit returned.');
  }
  return m;
}

/** The source columns a model reads (a datetime feeds several features but is one input). */
export function modelInputs(model: AutoMLModel): { name: string; numeric: boolean }[] {
  const seen = new Map<string, boolean>();
  for (const s of model.preprocessor.steps) if (!seen.has(s.source)) seen.set(s.source, s.kind === 'numeric' || s.kind === 'datetime');
  return [...seen].map(([name, numeric]) => ({ name, numeric }));
}

export function scoreTable(model: AutoMLModel, table: AutoMLTable, opts: ScoreOptions = {}): ScoreResult {
  const inputs = modelInputs(model);
  const names = new Set(table.columns.map((c) => c.name));
  const missing = inputs.filter((i) => !names.has(i.name)).map((i) => i.name);
  if (missing.length) {
    throw new AutoMLError(
      `automl.score: the table has no column ${missing.map((m) => `"${m}"`).join(', ')}, which the model was trained on.`,
    );
  }
  const id = opts.id ?? modelId(model);
  const scoredAt = opts.scoredAt ?? new Date();
  const n = table.columns[0]?.values.length ?? 0;
  const predictions = n ? model.predict(table) : [];
  const probs = n && model.task !== 'regression' ? model.predictProba(table) : null;

  const added = ['prediction', ...(model.task !== 'regression' ? model.classes.map((c) => `p_${c}`) : []), 'model_id', 'scored_at'];
  const own = table.columns.filter((c) => !added.includes(c.name));
  const columns: ScoredColumn[] = [
    ...own.map((c) => ({ name: c.name, type: typeOf(c.values) })),
    { name: 'prediction', type: model.task === 'regression' ? 'DOUBLE' : 'VARCHAR' },
    ...(model.task !== 'regression' ? model.classes.map((c) => ({ name: `p_${c}`, type: 'DOUBLE' as const })) : []),
    { name: 'model_id', type: 'VARCHAR' },
    { name: 'scored_at', type: 'TIMESTAMP' },
  ];
  const rows = Array.from({ length: n }, (_, i) => {
    const r: Record<string, AutoMLValue> = {};
    for (const c of own) r[c.name] = c.values[i] ?? null;
    r.prediction = predictions[i];
    if (probs) for (const c of model.classes) r[`p_${c}`] = probs[i][c];
    r.model_id = id;
    r.scored_at = scoredAt;
    return r;
  });
  return { modelId: id, scoredAt, columns, rows, drift: opts.reference ? driftSummary(model, opts.reference, table, predictions) : null };
}

function driftSummary(model: AutoMLModel, reference: AutoMLTable, current: AutoMLTable, predictions: (string | number)[]): DriftRow[] {
  const col = (t: AutoMLTable, name: string) => Array.from(t.columns.find((c) => c.name === name)?.values ?? []) as AutoMLValue[];
  const num = (vs: AutoMLValue[]) =>
    vs.map((v) => (v instanceof Date ? v.getTime() : typeof v === 'number' ? v : v === null ? NaN : Number(v)));
  const out = modelInputs(model).map(({ name, numeric }) =>
    numeric
      ? numericDrift(name, num(col(reference, name)), num(col(current, name)))
      : categoricalDrift(name, col(reference, name), col(current, name)),
  );
  const refPred = model.predict(reference);
  out.push(
    model.task === 'regression'
      ? numericDrift('prediction', refPred as number[], predictions as number[])
      : categoricalDrift('prediction', refPred, predictions),
  );
  return out;
}

function typeOf(values: ArrayLike<AutoMLValue>): ScoredColumn['type'] {
  if (values instanceof Float64Array) return 'DOUBLE';
  let kind: ScoredColumn['type'] | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const k =
      typeof v === 'number' || typeof v === 'bigint'
        ? 'DOUBLE'
        : typeof v === 'boolean'
          ? 'BOOLEAN'
          : v instanceof Date
            ? 'TIMESTAMP'
            : 'VARCHAR';
    if (kind && kind !== k) return 'VARCHAR';
    kind = k;
  }
  return kind ?? 'VARCHAR';
}
