/**
 * Regularised linear models on the LinearEncoder's design: ridge regression (closed form) and L2
 * logistic / softmax regression (L-BFGS), penalty as in scikit-learn: C * sum(loss) + ||w||^2 / 2.
 */
import type { Objective } from './objective';

export interface LinearModel {
  obj: Objective;
  /** Outputs: 1 (regression, binary margin) or classes. */
  K: number;
  d: number;
  /** (d + 1) x K, intercept last. */
  w: number[];
}

export interface LinearData {
  X: Float64Array;
  d: number;
  y: Float64Array;
  w: Float32Array | null;
}

export function fitLinear(data: LinearData, rows: Uint32Array, obj: Objective, nClasses: number, strength: number): LinearModel {
  return obj === 'regression' ? fitRidge(data, rows, strength) : fitLogistic(data, rows, obj, nClasses, strength);
}

/** Margins (rows x K). */
export function linearMargins(m: LinearModel, X: Float64Array, rows: ArrayLike<number> | null): Float64Array {
  const n = rows ? rows.length : X.length / m.d;
  const out = new Float64Array(n * m.K);
  for (let i = 0; i < n; i++) {
    const base = (rows ? rows[i] : i) * m.d;
    for (let k = 0; k < m.K; k++) {
      let s = m.w[m.d * m.K + k];
      for (let j = 0; j < m.d; j++) s += X[base + j] * m.w[j * m.K + k];
      out[i * m.K + k] = s;
    }
  }
  return out;
}

function fitRidge(data: LinearData, rows: Uint32Array, alpha: number): LinearModel {
  const { X, d, y } = data;
  const D = d + 1;
  const A = new Float64Array(D * D),
    b = new Float64Array(D);
  const x = new Float64Array(D);
  for (const r of rows) {
    const wi = data.w ? data.w[r] : 1;
    for (let j = 0; j < d; j++) x[j] = X[r * d + j];
    x[d] = 1;
    for (let a = 0; a < D; a++) {
      if (x[a] === 0) continue;
      const xa = x[a] * wi;
      b[a] += xa * y[r];
      for (let c = a; c < D; c++) A[a * D + c] += xa * x[c];
    }
  }
  for (let a = 0; a < D; a++) for (let c = 0; c < a; c++) A[a * D + c] = A[c * D + a];
  for (let j = 0; j < d; j++) A[j * D + j] += alpha;
  A[d * D + d] += 1e-9;
  return { obj: 'regression', K: 1, d, w: Array.from(solveSpd(A, b, D)) };
}

/** Cholesky solve with a growing jitter when A is not numerically positive definite. */
function solveSpd(A: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let jitter = 0; ; jitter = jitter ? jitter * 10 : 1e-8) {
    const L = new Float64Array(n * n);
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let s = A[i * n + j] + (i === j ? jitter : 0);
        for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
        if (i === j) {
          if (s <= 0) {
            ok = false;
            break;
          }
          L[i * n + i] = Math.sqrt(s);
        } else L[i * n + j] = s / L[j * n + j];
      }
    }
    if (!ok) continue;
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = b[i];
      for (let k = 0; k < i; k++) s -= L[i * n + k] * z[k];
      z[i] = s / L[i * n + i];
    }
    const out = new Float64Array(n);
    for (let i = n - 1; i >= 0; i--) {
      let s = z[i];
      for (let k = i + 1; k < n; k++) s -= L[k * n + i] * out[k];
      out[i] = s / L[i * n + i];
    }
    return out;
  }
}

function fitLogistic(data: LinearData, rows: Uint32Array, obj: Objective, C: number, invReg: number): LinearModel {
  const { X, d, y } = data;
  const K = obj === 'binary' ? 1 : C;
  const P = (d + 1) * K;
  const m: LinearModel = { obj, K, d, w: [] };
  const z = new Float64Array(K);
  // Objective and gradient of C * sum(weighted log loss) + ||w without intercept||^2 / 2.
  const fg = (w: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let f = 0;
    for (const r of rows) {
      const wi = (data.w ? data.w[r] : 1) * invReg;
      const base = r * d;
      for (let k = 0; k < K; k++) {
        let s = w[d * K + k];
        for (let j = 0; j < d; j++) s += X[base + j] * w[j * K + k];
        z[k] = s;
      }
      if (K === 1) {
        const s = z[0],
          t = y[r] > 0 ? 1 : 0;
        f += wi * (Math.log1p(Math.exp(-Math.abs(s))) + Math.max(s, 0) - t * s);
        z[0] = wi * (1 / (1 + Math.exp(-s)) - t);
      } else {
        let mx = -Infinity;
        for (let k = 0; k < K; k++) mx = Math.max(mx, z[k]);
        let sum = 0;
        for (let k = 0; k < K; k++) sum += Math.exp(z[k] - mx);
        f += wi * (Math.log(sum) + mx - z[y[r]]);
        for (let k = 0; k < K; k++) z[k] = wi * (Math.exp(z[k] - mx) / sum - (y[r] === k ? 1 : 0));
      }
      for (let j = 0; j < d; j++) {
        const xj = X[base + j];
        if (xj !== 0) for (let k = 0; k < K; k++) grad[j * K + k] += xj * z[k];
      }
      for (let k = 0; k < K; k++) grad[d * K + k] += z[k];
    }
    for (let j = 0; j < d * K; j++) {
      f += 0.5 * w[j] * w[j];
      grad[j] += w[j];
    }
    return f;
  };
  m.w = Array.from(lbfgs(fg, new Float64Array(P), 200));
  return m;
}

/** Limited-memory BFGS with a backtracking (Armijo) line search. */
function lbfgs(fg: (w: Float64Array, g: Float64Array) => number, w: Float64Array, maxIter: number): Float64Array {
  const n = w.length,
    M = 10;
  const S: Float64Array[] = [],
    Y: Float64Array[] = [],
    rho: number[] = [];
  let g = new Float64Array(n);
  let f = fg(w, g);
  const dot = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i] * b[i];
    return s;
  };
  for (let it = 0; it < maxIter; it++) {
    const q = Float64Array.from(g);
    const alpha: number[] = [];
    for (let i = S.length - 1; i >= 0; i--) {
      alpha[i] = rho[i] * dot(S[i], q);
      for (let j = 0; j < n; j++) q[j] -= alpha[i] * Y[i][j];
    }
    const gamma = S.length
      ? dot(S[S.length - 1], Y[Y.length - 1]) / dot(Y[Y.length - 1], Y[Y.length - 1])
      : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let j = 0; j < n; j++) q[j] *= gamma;
    for (let i = 0; i < S.length; i++) {
      const beta = rho[i] * dot(Y[i], q);
      for (let j = 0; j < n; j++) q[j] += S[i][j] * (alpha[i] - beta);
    }
    const gd = -dot(g, q);
    if (gd >= 0) break;
    let step = 1;
    const wn = new Float64Array(n),
      gn = new Float64Array(n);
    let fn = Infinity;
    for (let ls = 0; ls < 30; ls++) {
      for (let j = 0; j < n; j++) wn[j] = w[j] - step * q[j];
      fn = fg(wn, gn);
      if (fn <= f + 1e-4 * step * gd) break;
      step /= 2;
    }
    if (!(fn < f)) break;
    const s = new Float64Array(n),
      yv = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      s[j] = wn[j] - w[j];
      yv[j] = gn[j] - g[j];
    }
    const sy = dot(s, yv);
    if (sy > 1e-12) {
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
      if (S.length > M) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    const rel = (f - fn) / Math.max(1, Math.abs(f));
    w = wn;
    g = gn;
    f = fn;
    if (rel < 1e-9) break;
  }
  return w;
}
