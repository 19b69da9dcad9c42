/**
 * Prediction intervals from backtest errors: at step s, a quantile of the absolute errors the chosen
 * model made at steps s-1..s+1 across the backtest windows (neighbouring steps are pooled because a
 * few windows give few errors per step), made non-decreasing over the steps, since uncertainty
 * cannot shrink the further ahead one forecasts. Symmetric around the forecast, so it contains it.
 */
export function intervalHalfWidths(errors: Float64Array[], h: number, level: number): Float64Array {
  const out = new Float64Array(h);
  let widest = 0;
  for (let s = 0; s < h; s++) {
    const pool: number[] = [];
    for (const e of errors) for (let k = Math.max(0, s - 1); k <= Math.min(h - 1, s + 1); k++) pool.push(Math.abs(e[k]));
    widest = Math.max(widest, conformalQuantile(pool, level));
    out[s] = widest;
  }
  return out;
}

/**
 * The split-conformal quantile: the ceil((m + 1) level)-th smallest of m errors (the largest when
 * that is past m). With the few errors a backtest gives, a plain quantile would under-cover.
 */
export function conformalQuantile(values: number[], level: number): number {
  if (values.length === 0) return NaN;
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length, Math.ceil((v.length + 1) * level)) - 1];
}
