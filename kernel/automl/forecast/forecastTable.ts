/**
 * `automl.forecast`: the next `horizon` periods of each series of a table, from whichever candidate
 * (seasonal naive, Holt-Winters, GBDT on lags, or the mean of the last two) had the lowest backtest
 * MAE on that series: the choice is per series, since one region can be smooth, another seasonal.
 */
import { AutoMLError } from '../AutoMLError';
import type { AutoMLTable, AutoMLValue } from '../table';
import { backtest, COMBINED_PARTS, type CandidateScore } from './backtest';
import type { Forecaster, ForecasterName, SeriesContext } from './Forecaster';
import { gbdtLags } from './gbdtLags';
import { holtWinters } from './holtWinters';
import { intervalHalfWidths } from './intervals';
import { periodStart, seasonLength, type Period } from './period';
import { prepareSeries } from './prepareSeries';
import { seasonalNaive } from './seasonalNaive';

export interface ForecastOptions {
  time: string;
  target: string;
  keys?: string[];
  horizon: number;
  /** Backtest windows per series, at most (default 5; fewer when the series is short). */
  windows?: number;
}

export type ForecastRow = Record<string, AutoMLValue> & {
  yhat: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
  model: string;
};

export interface BacktestRow {
  series: string;
  model: ForecasterName;
  mae: number;
  smape: number;
  windows: number;
  chosen: boolean;
}

export interface ForecastResult {
  time: string;
  target: string;
  keys: string[];
  horizon: number;
  period: Period;
  /** One row per series and forecast period, in series order then time. */
  rows: ForecastRow[];
  /** Observed (and gap-filled) values, for the chart: series label, time, value. */
  history: { series: string; time: Date; value: number }[];
  backtest: BacktestRow[];
  /** Backtest MAE of the chosen models over that of seasonal naive, all series together (lower is better). */
  ratioToNaive: number;
  notes: string[];
}

/** Shortest history a candidate is fitted on: two seasonal cycles, and never under 10 periods. */
const minTrain = (season: number) => Math.max(2 * season, 10);
/** The GBDT needs rows to learn lags from; shorter backtest histories leave it out. */
const GBDT_MIN_HISTORY = 60;

export interface ForecastHooks {
  /** Interrupting the cell: the forecast stops between two model fits with a `cancelled` error. */
  signal?: AbortSignal;
  onProgress?: (seriesDone: number, seriesTotal: number) => void;
}

export async function forecastTable(table: AutoMLTable, opts: ForecastOptions, hooks: ForecastHooks = {}): Promise<ForecastResult> {
  const { time, target, horizon } = opts;
  const keys = opts.keys ?? [];
  if (typeof time !== 'string' || !time) throw new AutoMLError('automl.forecast: say which column holds the time, as { time: "date" }.');
  if (typeof target !== 'string' || !target)
    throw new AutoMLError('automl.forecast: say which column to forecast, as { target: "sales" }.');
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 1000) {
    throw new AutoMLError(`automl.forecast: horizon must be a whole number of periods from 1 to 1000 (got ${JSON.stringify(horizon)}).`);
  }
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string'))
    throw new AutoMLError('automl.forecast: keys must be a list of column names.');
  const maxWindows = Math.max(1, Math.floor(opts.windows ?? 5));
  const prep = prepareSeries(table, time, target, keys);
  const label = (key: AutoMLValue[]) =>
    keys.length ? key.map((k) => (k instanceof Date ? k.toISOString().slice(0, 10) : String(k))).join(' / ') : target;
  const L = seasonLength(prep.period);
  const notes: string[] = [];

  const rows: ForecastRow[] = [];
  const history: ForecastResult['history'] = [];
  const backtestRows: BacktestRow[] = [];
  let chosenAbs = 0,
    naiveAbs = 0;
  let filled = 0;
  const seasonOf = (n: number) => (n - horizon >= minTrain(L) ? L : 1);
  // Every series is checked before any is fitted, so a short one fails the call at once.
  for (const s of prep.series) {
    const need = minTrain(seasonOf(s.y.length)) + horizon;
    if (s.y.length < need) {
      throw new AutoMLError(
        `automl.forecast: the series ${JSON.stringify(label(s.key))} has ${s.y.length} ${prep.period}s; forecasting ${horizon} needs at least ${need} (${need - horizon} to fit on and ${horizon} to backtest).`,
      );
    }
  }
  // Fits run on the session's thread; between two of them it answers requests and sees an interrupt.
  const pause = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    if (hooks.signal?.aborted) throw new AutoMLError('automl.forecast was interrupted.', 'cancelled');
  };
  for (const [done, s] of prep.series.entries()) {
    hooks.onProgress?.(done, prep.series.length);
    const n = s.y.length;
    const name = label(s.key);
    const season = seasonOf(n);
    if (season === 1 && L > 1)
      notes.push(`${name}: shorter than two ${L}-${prep.period} cycles plus the horizon, so no seasonality is used.`);
    const windows = Math.min(maxWindows, Math.floor((n - minTrain(season)) / horizon));
    const candidates: Forecaster[] = [seasonalNaive, holtWinters];
    if (n - windows * horizon >= GBDT_MIN_HISTORY) candidates.push(gbdtLags);
    else notes.push(`${name}: too short for the GBDT (under ${GBDT_MIN_HISTORY} ${prep.period}s before the backtest).`);
    const ctx: SeriesContext = { period: prep.period, anchorDay: prep.anchorDay, start: s.start, season };
    const scores = await backtest(s.y, ctx, horizon, windows, candidates, pause);
    const best = scores.reduce((a, b) => (b.mae < a.mae ? b : a));
    const naive = scores[0];
    chosenAbs += best.mae * windows * horizon;
    naiveAbs += naive.mae * windows * horizon;
    filled += s.filled;
    for (const c of scores) backtestRows.push({ series: name, model: c.model, mae: c.mae, smape: c.smape, windows, chosen: c === best });

    const chosen =
      best.model === 'hw_gbdt_mean'
        ? candidates.filter((c) => COMBINED_PARTS.includes(c.name))
        : candidates.filter((c) => c.name === best.model);
    const fits: Float64Array[] = [];
    for (const c of chosen) {
      await pause();
      fits.push(c.forecast(s.y, horizon, ctx));
    }
    const yhat = fits[0].map((_, k) => fits.reduce((sum, f) => sum + f[k], 0) / fits.length);
    rows.push(...forecastRows(s.key, yhat, best, { ...opts, keys }, prep.period, prep.anchorDay, s.start + n));
    for (let i = 0; i < n; i++) history.push({ series: name, time: periodStart(s.start + i, prep.period, prep.anchorDay), value: s.y[i] });
  }
  hooks.onProgress?.(prep.series.length, prep.series.length);
  if (filled > 0) notes.unshift(`${filled} missing ${prep.period}s were filled by linear interpolation.`);
  return {
    time,
    target,
    keys,
    horizon,
    period: prep.period,
    rows,
    history,
    backtest: backtestRows,
    ratioToNaive: naiveAbs === 0 ? (chosenAbs === 0 ? 1 : Infinity) : chosenAbs / naiveAbs,
    notes,
  };
}

function forecastRows(
  key: AutoMLValue[],
  yhat: Float64Array,
  best: CandidateScore,
  opts: ForecastOptions & { keys: string[] },
  period: Period,
  anchorDay: number,
  firstIndex: number,
): ForecastRow[] {
  const w80 = intervalHalfWidths(best.errors, yhat.length, 0.8);
  const w95 = intervalHalfWidths(best.errors, yhat.length, 0.95);
  return Array.from(yhat, (v, s) => {
    const row: Record<string, AutoMLValue> = { [opts.time]: periodStart(firstIndex + s, period, anchorDay) };
    opts.keys.forEach((k, j) => (row[k] = key[j]));
    return Object.assign(row, {
      yhat: v,
      lo80: v - w80[s],
      hi80: v + w80[s],
      lo95: v - w95[s],
      hi95: v + w95[s],
      model: best.model,
    });
  });
}
