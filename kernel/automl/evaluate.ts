/** The full metric report for one set of predictions, as shown in the UI and the HTML report. */
import {
  accuracy,
  argmaxRows,
  balancedAccuracy,
  confusionMatrix,
  logLoss,
  mae,
  prCurve,
  precisionRecallF1,
  r2,
  rmse,
  rocAuc,
  rocCurve,
} from './metrics';
import type { TaskKind } from './profile';

export interface MetricReport {
  n: number;
  roc_auc?: number;
  log_loss?: number;
  accuracy?: number;
  balanced_accuracy?: number;
  f1?: number;
  precision?: number;
  recall?: number;
  confusion?: number[][];
  roc?: { fpr: number; tpr: number }[];
  pr?: { precision: number; recall: number }[];
  rmse?: number;
  mae?: number;
  r2?: number;
  /** Regression residuals (y - prediction), at most 2,000 of them. */
  residuals?: number[];
}

/** Keeps at most `max` evenly spaced points of a curve, always the last. */
function thin<T>(a: T[], max = 200): T[] {
  if (a.length <= max) return a;
  const step = a.length / max;
  const out = Array.from({ length: max - 1 }, (_, i) => a[Math.floor(i * step)]);
  out.push(a[a.length - 1]);
  return out;
}

export function evaluate(task: TaskKind, y: ArrayLike<number>, out: Float64Array, C: number): MetricReport {
  const n = y.length;
  if (task === 'regression') {
    return {
      n,
      rmse: rmse(y, out),
      mae: mae(y, out),
      r2: r2(y, out),
      residuals: Array.from({ length: Math.min(n, 2000) }, (_, i) => y[i] - out[i]),
    };
  }
  const pred = argmaxRows(out, C);
  const rep: MetricReport = {
    n,
    log_loss: logLoss(y, out, C),
    accuracy: accuracy(y, pred),
    balanced_accuracy: balancedAccuracy(y, pred, C),
    confusion: confusionMatrix(y, pred, C),
  };
  if (task === 'binary') {
    const score = Array.from({ length: n }, (_, i) => out[2 * i + 1]);
    Object.assign(rep, precisionRecallF1(y, pred, 1));
    rep.roc_auc = rocAuc(y, score);
    rep.roc = thin(rocCurve(y, score)).map(({ fpr, tpr }) => ({ fpr, tpr }));
    rep.pr = thin(prCurve(y, score)).map(({ precision, recall }) => ({ precision, recall }));
  } else {
    // Macro-averaged over classes.
    let p = 0,
      r = 0,
      f = 0;
    for (let k = 0; k < C; k++) {
      const m = precisionRecallF1(y, pred, k);
      p += m.precision;
      r += m.recall;
      f += m.f1;
    }
    Object.assign(rep, { precision: p / C, recall: r / C, f1: f / C });
  }
  return rep;
}
