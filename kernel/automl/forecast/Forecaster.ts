import type { Period } from './period';

/** Where a history sits on the calendar, and its seasonal cycle length (1 = none usable). */
export interface SeriesContext {
  period: Period;
  anchorDay: number;
  /** Period index of history[0]. */
  start: number;
  season: number;
}

/** One candidate model: fits on `history` and forecasts the `h` periods right after it. */
export interface Forecaster {
  name: ForecasterName;
  forecast(history: Float64Array, h: number, ctx: SeriesContext): Float64Array;
}

/** `hw_gbdt_mean` is the mean of Holt-Winters and the GBDT (see backtest.ts). */
export type ForecasterName = 'seasonal_naive' | 'holt_winters' | 'gbdt_lags' | 'hw_gbdt_mean';
