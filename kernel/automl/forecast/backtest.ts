/**
 * Rolling-origin backtesting: for each of the last `windows` blocks of `h` periods, a candidate is
 * fitted on everything before the block and forecasts the block. Its errors, step by step, score it
 * (MAE, sMAPE) and, for the chosen one, give the prediction intervals.
 */
import type { Forecaster, ForecasterName, SeriesContext } from './Forecaster';

export interface CandidateScore {
  model: ForecasterName;
  /** errors[w][s]: actual minus forecast, window w (oldest first), step s. */
  errors: Float64Array[];
  mae: number;
  /** Symmetric MAPE in percent (periods where actual and forecast are both 0 count as 0). */
  smape: number;
}

export function backtest(y: Float64Array, ctx: SeriesContext, h: number, windows: number, candidates: Forecaster[]): CandidateScore[] {
  const n = y.length;
  return candidates.map((c) => {
    const errors: Float64Array[] = [];
    let abs = 0,
      sym = 0,
      count = 0;
    for (let w = windows; w >= 1; w--) {
      const origin = n - w * h;
      const fc = c.forecast(y.subarray(0, origin), h, ctx);
      const e = new Float64Array(h);
      for (let s = 0; s < h; s++) {
        const a = y[origin + s];
        e[s] = a - fc[s];
        abs += Math.abs(e[s]);
        const denom = Math.abs(a) + Math.abs(fc[s]);
        sym += denom === 0 ? 0 : (2 * Math.abs(e[s])) / denom;
        count++;
      }
      errors.push(e);
    }
    return { model: c.name, errors, mae: abs / count, smape: (100 * sym) / count };
  });
}
