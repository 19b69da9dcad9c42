/** Losses for boosting: gradients/hessians on raw margins and the link to outputs. */
export type Objective = 'regression' | 'binary' | 'multiclass';

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Initial margins: mean, log-odds or log class priors. */
export function baseMargins(obj: Objective, y: Float64Array, w: Float32Array | null, rows: ArrayLike<number>, K: number): Float64Array {
  const base = new Float64Array(K);
  let W = 0;
  const s = new Float64Array(Math.max(K, 2));
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i],
      wi = w ? w[r] : 1;
    W += wi;
    if (obj === 'regression') s[0] += wi * y[r];
    else s[obj === 'binary' ? (y[r] > 0 ? 1 : 0) : y[r]] += wi;
  }
  if (obj === 'regression') base[0] = s[0] / W;
  else if (obj === 'binary') {
    const p = Math.min(1 - 1e-6, Math.max(1e-6, s[1] / W));
    base[0] = Math.log(p / (1 - p));
  } else for (let k = 0; k < K; k++) base[k] = Math.log(Math.max(1e-6, s[k] / W));
  return base;
}

/** Margins (n x K) to outputs: values, or probabilities with 2 columns for binary. */
export function marginsToOutput(obj: Objective, m: Float64Array, n: number, K: number): Float64Array {
  if (obj === 'regression') return m;
  if (obj === 'binary') {
    const out = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const p = sigmoid(m[i]);
      out[2 * i] = 1 - p;
      out[2 * i + 1] = p;
    }
    return out;
  }
  const out = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    let mx = -Infinity;
    for (let k = 0; k < K; k++) mx = Math.max(mx, m[i * K + k]);
    let z = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(m[i * K + k] - mx);
      out[i * K + k] = e;
      z += e;
    }
    for (let k = 0; k < K; k++) out[i * K + k] /= z;
  }
  return out;
}

/**
 * Fills g and h (indexed by row) for class column k. `m` (indexed by position in rows) holds margins,
 * except for multiclass where it holds the softmax probabilities, computed once per round.
 */
export function gradients(
  obj: Objective,
  m: Float64Array,
  K: number,
  k: number,
  y: Float64Array,
  w: Float32Array | null,
  rows: ArrayLike<number>,
  g: Float32Array,
  h: Float32Array,
): void {
  if (obj === 'binary' && !w) {
    // The common case on its own: no per-row branches around the one exp.
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const p = 1 / (1 + Math.exp(-m[i]));
      g[r] = p - y[r];
      h[r] = Math.max(p * (1 - p), 1e-16);
    }
    return;
  }
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i],
      wi = w ? w[r] : 1;
    if (obj === 'regression') {
      g[r] = wi * (m[i] - y[r]);
      h[r] = wi;
    } else if (obj === 'binary') {
      const p = sigmoid(m[i]);
      g[r] = wi * (p - y[r]);
      h[r] = wi * Math.max(p * (1 - p), 1e-16);
    } else {
      const p = m[i * K + k];
      g[r] = wi * (p - (y[r] === k ? 1 : 0));
      h[r] = wi * Math.max(p * (1 - p), 1e-16);
    }
  }
}

/**
 * One tree's step for a single-output objective, fused with the next round's gradients, over positions
 * [i0, i1) of rows: margins m (by position in rows) move by scale x the value of each row's leaf, and
 * g, h are refilled from the new margins, in one pass over the rows instead of two (the numbers of a
 * separate update followed by gradients()). Each position is independent, so helper threads
 * (growThreads.ts) step blocks of them side by side with the same numbers. Self-contained (no imports,
 * no closures): its source runs on those threads.
 */
export function stepRows(
  binary: boolean,
  m: Float64Array,
  scale: number,
  value: Float64Array,
  leafOfRow: Int32Array,
  y: Float64Array,
  w: Float32Array | null,
  rows: ArrayLike<number>,
  g: Float32Array,
  h: Float32Array,
  i0: number,
  i1: number,
): void {
  if (binary && !w) {
    // The common case on its own: no per-row branches around the one exp.
    for (let i = i0; i < i1; i++) {
      const r = rows[i];
      const mi = (m[i] += scale * value[leafOfRow[r]]);
      const p = 1 / (1 + Math.exp(-mi));
      g[r] = p - y[r];
      h[r] = Math.max(p * (1 - p), 1e-16);
    }
    return;
  }
  for (let i = i0; i < i1; i++) {
    const r = rows[i];
    const mi = (m[i] += scale * value[leafOfRow[r]]);
    const wi = w ? w[r] : 1;
    if (binary) {
      const p = 1 / (1 + Math.exp(-mi));
      g[r] = wi * (p - y[r]);
      h[r] = wi * Math.max(p * (1 - p), 1e-16);
    } else {
      g[r] = wi * (mi - y[r]);
      h[r] = wi;
    }
  }
}

/** Mean loss on margins: squared error, or log loss. */
export function marginLoss(obj: Objective, m: Float64Array, K: number, y: Float64Array, rows: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (obj === 'regression') {
      const d = m[i] - y[r];
      s += d * d;
    } else if (obj === 'binary') {
      const x = m[i];
      s += Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0) - (y[r] > 0 ? x : 0);
    } else {
      let mx = -Infinity;
      for (let c = 0; c < K; c++) mx = Math.max(mx, m[i * K + c]);
      let z = 0;
      for (let c = 0; c < K; c++) z += Math.exp(m[i * K + c] - mx);
      s += Math.log(z) + mx - m[i * K + y[r]];
    }
  }
  return s / Math.max(1, rows.length);
}
