/** The selection metric per task (the peer's): ROC AUC, log loss, RMSE; and its direction. */
import { logLoss, rmse, rocAuc } from './metrics';
import type { TaskKind } from './profile';

export function metricName(task: TaskKind): 'roc_auc' | 'log_loss' | 'rmse' {
  return task === 'binary' ? 'roc_auc' : task === 'multiclass' ? 'log_loss' : 'rmse';
}

export function higherIsBetter(task: TaskKind): boolean {
  return task === 'binary';
}

/** Metric of outputs (n x outDim: probabilities or values) against y (class index or value). */
export function taskScore(task: TaskKind, y: ArrayLike<number>, out: Float64Array, C: number): number {
  if (task === 'binary')
    return rocAuc(
      y,
      Array.from({ length: y.length }, (_, i) => out[2 * i + 1]),
    );
  if (task === 'multiclass') return logLoss(y, out, C);
  return rmse(y, out);
}

export function isBetter(task: TaskKind, a: number, b: number): boolean {
  if (Number.isNaN(b)) return !Number.isNaN(a);
  return higherIsBetter(task) ? a > b : a < b;
}
