/**
 * Additive Holt-Winters with a damped trend. The smoothing parameters are chosen by minimising the
 * one-step-ahead squared error over the history: a coarse grid, then a few rounds of coordinate
 * search around the best point (cheap: each evaluation is one pass over the series).
 */
import type { Forecaster } from './Forecaster';

export interface HwParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

interface HwState {
  level: number;
  trend: number;
  /** Seasonal terms, indexed by position modulo the season. */
  seasonal: Float64Array;
  sse: number;
}

/** Runs the recursions over y; the state after the last observation and the one-step SSE. */
export function hwRun(y: Float64Array, m: number, p: HwParams): HwState {
  const n = y.length;
  const seasonal = new Float64Array(m);
  let level: number, trend: number;
  if (m > 1) {
    let first = 0,
      second = 0;
    for (let i = 0; i < m; i++) {
      first += y[i];
      second += y[m + i];
    }
    first /= m;
    second /= m;
    level = first;
    trend = (second - first) / m;
    for (let i = 0; i < m; i++) seasonal[i] = y[i] - first;
  } else {
    level = y[0];
    trend = n > 1 ? y[1] - y[0] : 0;
  }
  let sse = 0;
  // The first cycle only initialises the state; its errors would merely echo the initial values.
  const from = m > 1 ? m : 1;
  for (let t = from; t < n; t++) {
    const s = m > 1 ? seasonal[t % m] : 0;
    const pred = level + p.phi * trend + s;
    const e = y[t] - pred;
    sse += e * e;
    const prevLevel = level;
    level = p.alpha * (y[t] - s) + (1 - p.alpha) * (prevLevel + p.phi * trend);
    trend = p.beta * (level - prevLevel) + (1 - p.beta) * p.phi * trend;
    if (m > 1) seasonal[t % m] = p.gamma * (y[t] - level) + (1 - p.gamma) * s;
  }
  return { level, trend, seasonal, sse };
}

const GRID = {
  alpha: [0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9],
  beta: [0, 0.01, 0.05, 0.15],
  gamma: [0.01, 0.05, 0.15, 0.35],
  phi: [0.8, 0.9, 0.98],
};

export function fitHoltWinters(y: Float64Array, m: number): HwParams {
  let best: HwParams = { alpha: 0.2, beta: 0, gamma: 0.05, phi: 0.9 };
  let bestSse = Infinity;
  const gammas = m > 1 ? GRID.gamma : [0];
  for (const alpha of GRID.alpha)
    for (const beta of GRID.beta)
      for (const gamma of gammas)
        for (const phi of GRID.phi) {
          const p = { alpha, beta, gamma, phi };
          const sse = hwRun(y, m, p).sse;
          if (sse < bestSse) [best, bestSse] = [p, sse];
        }
  // Coordinate search: move one parameter at a time by a shrinking step while the error falls.
  const keys: (keyof HwParams)[] = m > 1 ? ['alpha', 'beta', 'gamma', 'phi'] : ['alpha', 'beta', 'phi'];
  for (let step = 0.05; step > 0.004; step /= 2) {
    for (const k of keys) {
      for (const dir of [-1, 1]) {
        const hi = k === 'phi' ? 1 : 0.99;
        const p = { ...best, [k]: Math.min(hi, Math.max(0, best[k] + dir * step)) };
        const sse = hwRun(y, m, p).sse;
        if (sse < bestSse) [best, bestSse] = [p, sse];
      }
    }
  }
  return best;
}

export const holtWinters: Forecaster = {
  name: 'holt_winters',
  forecast(history, h, { season }) {
    const m = history.length >= 2 * season ? season : 1;
    const p = fitHoltWinters(history, m);
    const st = hwRun(history, m, p);
    const out = new Float64Array(h);
    let damp = 0,
      pow = 1;
    for (let s = 1; s <= h; s++) {
      pow *= p.phi;
      damp += pow;
      const seas = m > 1 ? st.seasonal[(history.length + s - 1) % m] : 0;
      out[s - 1] = st.level + damp * st.trend + seas;
    }
    return out;
  },
};
