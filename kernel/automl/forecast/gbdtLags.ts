/**
 * A GBDT on lags and calendar features, forecasting recursively (each forecast becomes a lag of the
 * next). It predicts the deviation from the recent level (the mean of the last few periods), with
 * lags taken relative to that level too, so trees, which cannot extrapolate, still follow a series
 * whose level drifts beyond anything seen in training. Trains with the existing GBDT (fitGbdt),
 * early-stopped on the most recent tenth of the history.
 */
import { Binner } from '../binner';
import { fitGbdt, gbdtMargins, GBDT_DEFAULTS, type GbdtModel } from '../gbdt';
import type { FeatureMatrix } from '../preprocessor';
import type { Forecaster, SeriesContext } from './Forecaster';
import { calendarFeatures, type Period } from './period';

const CANDIDATE_LAGS: Record<Period, number[]> = {
  day: [1, 2, 3, 4, 5, 6, 7, 14, 21, 28, 364],
  week: [1, 2, 3, 4, 8, 52],
  month: [1, 2, 3, 6, 12],
};
const LEVEL_WINDOW: Record<Period, number> = { day: 7, week: 4, month: 3 };

/** Rows the GBDT learns from at most: the most recent ones (a long daily history would only slow it). */
const MAX_ROWS = 1500;

const PARAMS = { ...GBDT_DEFAULTS, learningRate: 0.1, maxDepth: 4, maxLeaves: 16, minChildWeight: 10, maxRounds: 200, patience: 20 };

/** Lags the history is long enough to learn from: at least half the rows (and 30) keep each lag. */
export function usableLags(n: number, period: Period): number[] {
  return CANDIDATE_LAGS[period].filter((k) => n - k >= Math.max(30, n / 2));
}

function level(y: ArrayLike<number>, t: number, w: number): number {
  let s = 0;
  for (let k = 1; k <= w; k++) s += y[t - k];
  return s / w;
}

/** Feature vector for predicting position t of `y` (positions before t must be filled). */
function features(y: ArrayLike<number>, t: number, lags: number[], w: number, ctx: SeriesContext): number[] {
  const lv = level(y, t, w);
  return [...lags.map((k) => y[t - k] - lv), ...calendarFeatures(ctx.start + t, ctx.period, ctx.anchorDay)];
}

function matrix(rows: number[][]): FeatureMatrix {
  const F = rows[0].length;
  const cols = Array.from({ length: F }, (_, f) => Float64Array.from(rows, (r) => r[f]));
  return { names: cols.map((_, f) => `f${f}`), cols, isCat: cols.map(() => false), nCats: cols.map(() => 0), n: rows.length };
}

export const gbdtLags: Forecaster = {
  name: 'gbdt_lags',
  forecast(history, h, ctx) {
    const n = history.length;
    const lags = usableLags(n, ctx.period);
    const w = LEVEL_WINDOW[ctx.period];
    const first = Math.max(w, ...lags);
    const rows: number[][] = [];
    const y: number[] = [];
    for (let t = Math.max(first, n - MAX_ROWS); t < n; t++) {
      rows.push(features(history, t, lags, w, ctx));
      y.push(history[t] - level(history, t, w));
    }
    const fm = matrix(rows);
    const binner = Binner.fit(fm);
    const X = binner.transform(fm);
    const m = rows.length;
    const nValid = Math.max(1, Math.floor(m / 10));
    const train = Uint32Array.from({ length: m - nValid }, (_, i) => i);
    const valid = Uint32Array.from({ length: nValid }, (_, i) => m - nValid + i);
    const data = { X, nBins: binner.nBins, isCat: binner.isCat, y: Float64Array.from(y), w: null };
    const model: GbdtModel = fitGbdt(data, train, valid, 'regression', 1, PARAMS, Date.now() + 20_000, 7).model;

    const ext = new Float64Array(n + h);
    ext.set(history);
    for (let t = n; t < n + h; t++) {
      const row = matrix([features(ext, t, lags, w, ctx)]);
      ext[t] = level(ext, t, w) + gbdtMargins(model, binner.transform(row), null)[0];
    }
    return ext.slice(n);
  },
};
