/** The baseline every other candidate must beat: each period repeats the same period one cycle ago. */
import type { Forecaster } from './Forecaster';

export const seasonalNaive: Forecaster = {
  name: 'seasonal_naive',
  forecast(history, h, { season }) {
    const n = history.length;
    const out = new Float64Array(h);
    for (let s = 0; s < h; s++) out[s] = history[n - season + (s % season)];
    return out;
  },
};
