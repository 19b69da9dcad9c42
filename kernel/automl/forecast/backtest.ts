/**
 * Rolling-origin backtesting: for each of the last `windows` blocks of `h` periods, a candidate is
 * fitted on everything before the block and forecasts the block. Its errors, step by step, score it
 * (MAE, sMAPE) and, for the chosen one, give the prediction intervals. `pause` runs before each fit:
 * it lets the session answer (and an interrupt arrive) between fits.
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

export async function backtest(
  y: Float64Array,
  ctx: SeriesContext,
  h: number,
  windows: number,
  candidates: Forecaster[],
  pause: () => Promise<void> = async () => {},
): Promise<CandidateScore[]> {
  const n = y.length;
  const forecasts = new Map<ForecasterName, Float64Array[]>();
  for (const c of candidates) {
    const fcs: Float64Array[] = [];
    for (let w = windows; w >= 1; w--) {
      await pause();
      fcs.push(c.forecast(y.subarray(0, n - w * h), h, ctx));
    }
    forecasts.set(c.name, fcs);
  }
  // The mean of the two fitted models is scored on the same windows at no extra fit: combining
  // forecasts often beats each alone, and the backtest says whether it does here.
  const parts = COMBINED_PARTS.map((p) => forecasts.get(p));
  if (parts[0] && parts[1])
    forecasts.set(
      'hw_gbdt_mean',
      parts[0].map((f, w) => f.map((v, s) => (v + parts[1]![w][s]) / 2)),
    );
  return [...forecasts].map(([model, fcs]) => score(model, y, h, windows, fcs));
}

/** The candidates whose mean is the `hw_gbdt_mean` candidate. */
export const COMBINED_PARTS: ForecasterName[] = ['holt_winters', 'gbdt_lags'];

function score(model: ForecasterName, y: Float64Array, h: number, windows: number, fcs: Float64Array[]): CandidateScore {
  const n = y.length;
  const errors: Float64Array[] = [];
  let abs = 0,
    sym = 0;
  fcs.forEach((fc, i) => {
    const origin = n - (windows - i) * h;
    const e = new Float64Array(h);
    for (let s = 0; s < h; s++) {
      const a = y[origin + s];
      e[s] = a - fc[s];
      abs += Math.abs(e[s]);
      const denom = Math.abs(a) + Math.abs(fc[s]);
      sym += denom === 0 ? 0 : (2 * Math.abs(e[s])) / denom;
    }
    errors.push(e);
  });
  const count = windows * h;
  return { model, errors, mae: abs / count, smape: (100 * sym) / count };
}
