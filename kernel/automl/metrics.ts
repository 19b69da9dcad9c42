/**
 * Evaluation metrics with the peer harness's conventions: ROC AUC of the second sorted class, log loss
 * clipped at 1e-15 over all classes, RMSE on the raw scale. Probabilities are row-major n x C.
 */

/** ROC AUC with ties counted half (the Mann-Whitney statistic); NaN when any score is NaN. */
export function rocAuc(yTrue: ArrayLike<number>, score: ArrayLike<number>, w?: ArrayLike<number>): number {
  const n = yTrue.length;
  for (let i = 0; i < n; i++) if (Number.isNaN(score[i])) return NaN;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let pos = 0,
    neg = 0,
    auc = 0,
    negBelow = 0;
  for (let i = 0; i < n;) {
    let j = i,
      tp = 0,
      tn = 0;
    while (j < n && score[idx[j]] === score[idx[i]]) {
      const wi = w ? w[idx[j]] : 1;
      if (yTrue[idx[j]] === 1) tp += wi;
      else tn += wi;
      j++;
    }
    auc += tp * (negBelow + tn / 2);
    negBelow += tn;
    pos += tp;
    neg += tn;
    i = j;
  }
  return pos === 0 || neg === 0 ? NaN : auc / (pos * neg);
}

export function logLoss(yTrue: ArrayLike<number>, proba: ArrayLike<number>, C: number): number {
  let s = 0;
  const n = yTrue.length;
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let k = 0; k < C; k++) z += proba[i * C + k];
    const p = z > 0 ? proba[i * C + yTrue[i]] / z : 1 / C;
    s -= Math.log(Math.min(1, Math.max(1e-15, p)));
  }
  return s / n;
}

export function argmaxRows(proba: ArrayLike<number>, C: number): Int32Array {
  const n = proba.length / C;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let b = 0;
    for (let k = 1; k < C; k++) if (proba[i * C + k] > proba[i * C + b]) b = k;
    out[i] = b;
  }
  return out;
}

export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, C: number): number[][] {
  const m = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]][yPred[i]]++;
  return m;
}

export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  let c = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) c++;
  return c / yTrue.length;
}

/** Precision, recall and F1 of class `positive`. */
export function precisionRecallF1(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, positive: number) {
  let tp = 0,
    fp = 0,
    fn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yPred[i] === positive && yTrue[i] === positive) tp++;
    else if (yPred[i] === positive) fp++;
    else if (yTrue[i] === positive) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Mean recall over the classes present in yTrue. */
export function balancedAccuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, C: number): number {
  let s = 0,
    present = 0;
  for (let k = 0; k < C; k++) {
    let tp = 0,
      cnt = 0;
    for (let i = 0; i < yTrue.length; i++)
      if (yTrue[i] === k) {
        cnt++;
        if (yPred[i] === k) tp++;
      }
    if (cnt) {
      s += tp / cnt;
      present++;
    }
  }
  return s / present;
}

export function rmse(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - p[i]) ** 2;
  return Math.sqrt(s / y.length);
}

export function mae(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(y[i] - p[i]);
  return s / y.length;
}

export function r2(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  let ssr = 0,
    sst = 0;
  for (let i = 0; i < y.length; i++) {
    ssr += (y[i] - p[i]) ** 2;
    sst += (y[i] - mean) ** 2;
  }
  return sst === 0 ? 0 : 1 - ssr / sst;
}

/** ROC curve points (fpr, tpr) at every distinct threshold, from (0,0) to (1,1). */
export function rocCurve(yTrue: ArrayLike<number>, score: ArrayLike<number>): { fpr: number; tpr: number; threshold: number }[] {
  const { tps, fps, thr, P, N } = cumulative(yTrue, score);
  const pts = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  for (let i = 0; i < tps.length; i++) pts.push({ fpr: N ? fps[i] / N : 0, tpr: P ? tps[i] / P : 0, threshold: thr[i] });
  return pts;
}

/** Precision-recall points at every distinct threshold, highest threshold first. */
export function prCurve(yTrue: ArrayLike<number>, score: ArrayLike<number>): { precision: number; recall: number; threshold: number }[] {
  const { tps, fps, thr, P } = cumulative(yTrue, score);
  return tps.map((tp, i) => ({ precision: tp / (tp + fps[i]), recall: P ? tp / P : 0, threshold: thr[i] }));
}

function cumulative(yTrue: ArrayLike<number>, score: ArrayLike<number>) {
  const idx = Array.from({ length: yTrue.length }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  const tps: number[] = [],
    fps: number[] = [],
    thr: number[] = [];
  let tp = 0,
    fp = 0;
  for (let i = 0; i < idx.length; i++) {
    if (yTrue[idx[i]] === 1) tp++;
    else fp++;
    if (i + 1 === idx.length || score[idx[i + 1]] !== score[idx[i]]) {
      tps.push(tp);
      fps.push(fp);
      thr.push(score[idx[i]]);
    }
  }
  return { tps, fps, thr, P: tp, N: fp };
}
