/**
 * `automl` in TypeScript cells: a baseline model search on a DataFrame, an array of records or a
 * table name, off nothing but the session (progress streams to the cell as it trains; interrupting
 * the cell stops the search and returns the best model so far). The engine is loaded on first use
 * so notebooks that never train pay nothing for it.
 */
import type { AutoMLOptions, AutoMLProgress, AutoMLTable, AutoMLValue } from '../automl';
import type { DuckEngine } from '../engine/DuckEngine';
import type { ProgressUnit } from '../protocol';
import { asTable } from './displayValue';
import { publishScores } from './publishScores';

type Progress = (label: string, done: number, total: number | null, unit: ProgressUnit) => void;

const loadAutoml = () => require('../automl') as typeof import('../automl');

export function automlApi(engine: DuckEngine, progress: () => Progress | null, interrupt: () => AbortSignal | null = () => null) {
  return {
    /** Searches models for `target` within the budget; the result has the leaderboard, metrics and `model`. */
    async fit(source: unknown, opts: Omit<AutoMLOptions, 'onProgress'> & { onProgress?: AutoMLOptions['onProgress'] }) {
      const table = await toAutoMLTable(engine, source);
      const report = progress();
      const budget = opts.budgetSeconds ?? null;
      const signals = [interrupt(), opts.signal].filter((s): s is AbortSignal => Boolean(s));
      return loadAutoml().fitAutoML(table, {
        ...opts,
        signal: signals.length ? AbortSignal.any(signals) : undefined,
        onProgress: (e) => {
          report?.(progressLabel(e), e.elapsedSeconds, budget, 'seconds');
          opts.onProgress?.(e);
        },
      });
    },
    /** The next `horizon` periods of each series, chosen per series by backtest; shown as a chart with intervals. */
    async forecast(source: unknown, opts: import('../automl/forecast').ForecastOptions) {
      const fc = await import('../automl/forecast');
      const report = progress();
      const hooks = {
        signal: interrupt() ?? undefined,
        onProgress: (d: number, n: number) => report?.(`Forecast: series ${d} of ${n}`, d, n, 'steps'),
      };
      return fc.forecastOutput(await fc.forecastTable(await toAutoMLTable(engine, source), opts, hooks));
    },
    /**
     * Predictions of a model (or fit run) for a table, with the model's id; `reference` adds drift
     * against the training data, `publish` appends the predictions to that published table.
     */
    async score(model: unknown, source: unknown, opts: { reference?: unknown; publish?: string; id?: string } = {}) {
      const sc = await import('../automl/scoring');
      const m = sc.asModel(model);
      const reference = opts.reference === undefined ? null : await toAutoMLTable(engine, opts.reference);
      const s = sc.scoreTable(m, await toAutoMLTable(engine, source), { reference, id: opts.id });
      const published = opts.publish ? await publishScores(engine, opts.publish, s) : null;
      // The rows show as a grid; the rest rides along without entering it.
      return Object.defineProperties(s.rows, { modelId: { value: s.modelId }, drift: { value: s.drift }, published: { value: published } });
    },
    /** A table name, DataFrame or array of records as the table the AutoML functions take. */
    table: (source: unknown) => toAutoMLTable(engine, source),
    loadModel: (json: string) => loadAutoml().loadModel(json),
    serializeModel: (m: Parameters<ReturnType<typeof loadAutoml>['serializeModel']>[0]) => loadAutoml().serializeModel(m),
    /** The run as a self-contained HTML report, shown as an output, with the charts the exported report has. */
    report: (run: Parameters<ReturnType<typeof loadAutoml>['renderReport']>[0]) => {
      const a = loadAutoml();
      return { __silt_rich: { 'text/html': a.renderReport(run, a.reportCharts(run)) } };
    },
  };
}

export function progressLabel(e: AutoMLProgress): string {
  const score = (x: number) => (Number.isFinite(x) ? x.toPrecision(4) : '–');
  if (e.kind === 'final') return `AutoML: done, ${e.trial} trials, ${e.metric} ${score(e.bestScore)}`;
  return `AutoML: trial ${e.trial} ${e.family} ${e.metric} ${score(e.score)} (best ${score(e.bestScore)})`;
}

export async function toAutoMLTable(engine: DuckEngine, source: unknown): Promise<AutoMLTable> {
  if (typeof source === 'string') {
    const { columns, data } = await engine.readColumns(engine.tableOf(source));
    return { columns: columns.map((c) => ({ name: c.name, values: (data[c.name] ?? []).map(toValue) })) };
  }
  const t = asTable(source);
  if (!t) throw new Error('automl.fit: pass a DataFrame, an array of records or a table name');
  return {
    columns: t.columns.map((c, i) => {
      // A SQL result's DECIMAL column shows in a frame as DuckDB writes it ("121750.00"): the models need the number.
      const decimal = /^(DECIMAL|NUMERIC)\b/i.test(c.type);
      return { name: c.name, values: t.rows.map((r) => (decimal && typeof r[i] === 'string' ? Number(r[i]) : toValue(r[i]))) };
    }),
  };
}

function toValue(v: unknown): AutoMLValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  return String(v);
}
