/**
 * A small multilayer perceptron trained with TensorFlow.js (tfjs-node when installed, else the WASM
 * backend, else the plain CPU backend). Training runs batch by batch synchronously so it honours
 * deadlines; prediction is a plain typed-array forward pass, so a loaded model needs no backend and
 * gives bit-identical outputs.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Objective } from './objective';
import { Rng } from './rng';

export interface MlpParams {
  hidden: number[];
  learningRate: number;
  l2: number;
  maxEpochs: number;
  patience: number;
  batchSize: number;
}
export const MLP_DEFAULTS: MlpParams = { hidden: [64, 32], learningRate: 2e-3, l2: 1e-4, maxEpochs: 200, patience: 12, batchSize: 128 };

interface Layer {
  w: Float32Array;
  b: Float32Array;
  nIn: number;
  nOut: number;
}
export interface MlpModel {
  obj: Objective;
  K: number;
  layers: Layer[];
  yMean: number;
  yStd: number;
}

let backend: Promise<string> | null = null;

/** Picks the fastest available TensorFlow.js backend once per process. */
export function initTensorflow(): Promise<string> {
  backend ??= (async () => {
    // The kernel ships as a CommonJS bundle (where __filename exists); tests load it as ESM from the repo root.
    const require = createRequire(typeof __filename === 'string' ? __filename : `${process.cwd()}/noop.js`);
    try {
      require('@tensorflow/tfjs-node');
      await tf.ready();
      return tf.getBackend();
    } catch {
      /* optional dependency */
    }
    try {
      setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return 'wasm';
      }
    } catch {
      /* fall through to cpu */
    }
    await tf.setBackend('cpu');
    return 'cpu';
  })();
  return backend;
}

export function fitMlp(
  X: Float64Array,
  d: number,
  y: Float64Array,
  w: Float32Array | null,
  train: Uint32Array,
  valid: Uint32Array | null,
  obj: Objective,
  C: number,
  p: MlpParams,
  deadline: number,
  seed: number,
): { model: MlpModel; epochs: number } {
  const K = obj === 'multiclass' ? C : 1;
  const rng = new Rng(seed);
  let yMean = 0,
    yStd = 1;
  if (obj === 'regression') {
    for (const r of train) yMean += y[r];
    yMean /= train.length;
    let s = 0;
    for (const r of train) s += (y[r] - yMean) ** 2;
    yStd = Math.sqrt(s / train.length) || 1;
  }
  const target = (rows: Uint32Array) => {
    const t = new Float32Array(rows.length * K);
    rows.forEach((r, i) => {
      if (obj === 'multiclass') t[i * K + y[r]] = 1;
      else t[i] = obj === 'regression' ? (y[r] - yMean) / yStd : y[r];
    });
    return t;
  };
  const rowsOf = (rows: Uint32Array) => {
    const a = new Float32Array(rows.length * d);
    rows.forEach((r, i) => {
      for (let j = 0; j < d; j++) a[i * d + j] = X[r * d + j];
    });
    return a;
  };
  const sizes = [d, ...p.hidden, K];
  const vars = sizes.slice(1).map((nOut, i) => ({
    w: tf.variable(tf.initializers.glorotUniform({ seed: seed + i }).apply([sizes[i], nOut]) as tf.Tensor2D),
    b: tf.variable(tf.zeros([nOut])),
  }));
  const forward = (x: tf.Tensor2D) =>
    vars.reduce<tf.Tensor2D>((h, v, i) => {
      const z = h.matMul(v.w).add(v.b) as tf.Tensor2D;
      return i < vars.length - 1 ? z.relu() : z;
    }, x);
  const lossOf = (x: tf.Tensor2D, t: tf.Tensor2D, sw: tf.Tensor1D | null) => {
    const logits = forward(x);
    const l =
      obj === 'multiclass'
        ? tf.losses.softmaxCrossEntropy(t, logits, sw ?? undefined)
        : obj === 'binary'
          ? tf.losses.sigmoidCrossEntropy(t, logits, sw ? sw.reshape([-1, 1]) : undefined)
          : tf.losses.meanSquaredError(t, logits, sw ? sw.reshape([-1, 1]) : undefined);
    return l;
  };
  const opt = tf.train.adam(p.learningRate);
  const Xtr = tf.tensor2d(rowsOf(train), [train.length, d]);
  const Ttr = tf.tensor2d(target(train), [train.length, K]);
  const Wtr = w ? tf.tensor1d(Float32Array.from(train, (r) => w[r])) : null;
  const Xva = valid ? tf.tensor2d(rowsOf(valid), [valid.length, d]) : null;
  const Tva = valid ? tf.tensor2d(target(valid), [valid.length, K]) : null;
  const snapshot = () =>
    vars.map((v, i) => ({
      w: v.w.dataSync().slice() as Float32Array,
      b: v.b.dataSync().slice() as Float32Array,
      nIn: sizes[i],
      nOut: sizes[i + 1],
    }));
  let best = Infinity,
    bestEpoch = 0,
    layers = snapshot(),
    epoch = 0;
  const idx = Array.from({ length: train.length }, (_, i) => i);
  try {
    for (; epoch < p.maxEpochs && Date.now() < deadline; epoch++) {
      rng.shuffle(idx);
      for (let s = 0; s < idx.length; s += p.batchSize) {
        tf.tidy(() => {
          const bi = tf.tensor1d(idx.slice(s, s + p.batchSize), 'int32');
          const xb = tf.gather(Xtr, bi) as tf.Tensor2D,
            tb = tf.gather(Ttr, bi) as tf.Tensor2D;
          const wb = Wtr ? (tf.gather(Wtr, bi) as tf.Tensor1D) : null;
          opt.minimize(() => {
            let l = lossOf(xb, tb, wb);
            for (const v of vars) l = l.add(v.w.square().sum().mul(p.l2)) as tf.Scalar;
            return l as tf.Scalar;
          });
        });
      }
      if (!Xva) {
        bestEpoch = epoch + 1;
        continue;
      }
      const vl = tf.tidy(() => lossOf(Xva, Tva!, null).dataSync()[0]);
      if (vl < best - 1e-6) {
        best = vl;
        bestEpoch = epoch + 1;
        layers = snapshot();
      } else if (epoch + 1 - bestEpoch >= p.patience) break;
    }
    if (!Xva) layers = snapshot();
  } finally {
    tf.dispose([Xtr, Ttr, ...(Wtr ? [Wtr] : []), ...(Xva ? [Xva, Tva!] : []), ...vars.flatMap((v) => [v.w, v.b])]);
    opt.dispose();
  }
  return { model: { obj, K, layers, yMean, yStd }, epochs: Math.max(1, bestEpoch) };
}

/** Margins (rows x K), regression already on the target scale. */
export function mlpMargins(m: MlpModel, X: Float64Array, d: number, rows: ArrayLike<number> | null): Float64Array {
  const n = rows ? rows.length : X.length / d;
  const out = new Float64Array(n * m.K);
  let h = new Float64Array(0);
  for (let i = 0; i < n; i++) {
    const base = (rows ? rows[i] : i) * d;
    let cur: ArrayLike<number> = X.subarray(base, base + d);
    m.layers.forEach((L, li) => {
      h = new Float64Array(L.nOut);
      for (let o = 0; o < L.nOut; o++) {
        let s = L.b[o];
        for (let j = 0; j < L.nIn; j++) s += Math.fround(cur[j]) * L.w[j * L.nOut + o];
        h[o] = li < m.layers.length - 1 ? Math.max(0, s) : s;
      }
      cur = h;
    });
    for (let k = 0; k < m.K; k++) out[i * m.K + k] = m.obj === 'regression' ? h[k] * m.yStd + m.yMean : h[k];
  }
  return out;
}

export interface MlpJSON {
  obj: Objective;
  K: number;
  yMean: number;
  yStd: number;
  layers: { nIn: number; nOut: number; w: string; b: string }[];
}

const b64 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const f32 = (s: string) => {
  const buf = Buffer.from(s, 'base64');
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
};

export function mlpToJSON(m: MlpModel): MlpJSON {
  return {
    obj: m.obj,
    K: m.K,
    yMean: m.yMean,
    yStd: m.yStd,
    layers: m.layers.map((l) => ({ nIn: l.nIn, nOut: l.nOut, w: b64(l.w), b: b64(l.b) })),
  };
}

export function mlpFromJSON(j: MlpJSON): MlpModel {
  return {
    obj: j.obj,
    K: j.K,
    yMean: j.yMean,
    yStd: j.yStd,
    layers: j.layers.map((l) => ({ nIn: l.nIn, nOut: l.nOut, w: f32(l.w), b: f32(l.b) })),
  };
}
