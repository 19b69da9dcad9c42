/**
 * `automl` in TypeScript cells: a baseline model search on a DataFrame, an array of records or a
 * table name, off nothing but the session (progress streams to the cell as it trains). The engine
 * is loaded on first use so notebooks that never train pay nothing for it.
 */
import type { AutoMLOptions, AutoMLTable, AutoMLValue } from '../automl';
import type { DuckEngine } from '../engine/DuckEngine';
import { asTable } from './displayValue';

type Progress = (label: string, done: number, total: number | null) => void;

export function automlApi(engine: DuckEngine, progress: () => Progress | null) {
  const load = () => require('../automl') as typeof import('../automl');
  return {
    /** Searches models for `target` within the budget; the result has the leaderboard, metrics and `model`. */
    async fit(source: unknown, opts: Omit<AutoMLOptions, 'onProgress'>) {
      const table = await toAutoMLTable(engine, source);
      const report = progress();
      const budget = opts.budgetSeconds ?? null;
      const started = Date.now();
      return load().fitAutoML(table, {
        ...opts,
        onProgress: (e) => report?.(`AutoML: ${JSON.stringify(e).slice(0, 120)}`, (Date.now() - started) / 1000, budget),
      } as AutoMLOptions);
    },
    loadModel: (json: string) => load().loadModel(json),
    serializeModel: (m: Parameters<ReturnType<typeof load>['serializeModel']>[0]) => load().serializeModel(m),
    /** The run as a self-contained HTML report, shown as an output. */
    report: (run: Parameters<ReturnType<typeof load>['renderReport']>[0]) => ({ __silt_rich: { 'text/html': load().renderReport(run) } }),
  };
}

async function toAutoMLTable(engine: DuckEngine, source: unknown): Promise<AutoMLTable> {
  if (typeof source === 'string') {
    const { columns, data } = await engine.readColumns(source);
    return { columns: columns.map((c) => ({ name: c.name, values: (data[c.name] ?? []).map(toValue) })) };
  }
  const t = asTable(source);
  if (!t) throw new Error('automl.fit: pass a DataFrame, an array of records or a table name');
  return { columns: t.columns.map((c, i) => ({ name: c.name, values: t.rows.map((r) => toValue(r[i])) })) };
}

function toValue(v: unknown): AutoMLValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  return String(v);
}
