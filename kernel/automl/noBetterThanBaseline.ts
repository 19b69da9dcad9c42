/**
 * A final model that answers one class for (nearly) every row, or scores no better than the
 * baseline trial (each class's share of the training rows, or their mean, for every row), has
 * learned nothing from the columns. Its accuracy, F1, precision and recall still look like scores
 * (and stay the same run after run), so the run says in words what they are.
 */
import { argmaxRows } from './metrics';
import type { TaskKind } from './profile';
import { higherIsBetter, isBetter } from './taskMetric';
import { distinctPrecision } from './distinctPrecision';

/** Predictions this concentrated on one class count as "one class"... */
export const ONE_CLASS_SHARE = 0.99;
/** ...unless that class is itself this much of the rows (then answering it is close to right). */
export const DOMINANT_CLASS_SHARE = 0.95;

export interface BaselineCheck {
  task: TaskKind;
  metric: string;
  classes: string[];
  /** Targets of the scored (out-of-fold or holdout) rows: class index or value. */
  y: Float64Array;
  /** The final model's outputs on those rows (n x C probabilities, or n values). */
  outputs: Float64Array;
  /** The final model's score on those rows, and the baseline trial's (undefined: it did not run). */
  score: number;
  baselineScore?: number;
}

export interface BaselineWarning {
  code: 'predicts-one-class' | 'no-better-than-baseline';
  text: string;
}

const pct = (x: number) => `${x >= 0.995 && x < 1 ? '> 99' : Math.round(100 * x)} %`;

export function noBetterThanBaseline(c: BaselineCheck): BaselineWarning[] {
  const n = c.y.length;
  if (!n) return [];
  const compared = c.baselineScore !== undefined && !Number.isNaN(c.baselineScore) && !Number.isNaN(c.score);
  // A model clearly better than the baseline has learned something, even when it answers one class
  // at every row: a ranking (ROC AUC 0.85 on rare positives) or probabilities (log loss) carry it.
  if (compared && clearlyBetter(c.task, c.score, c.baselineScore!)) return [];
  const C = c.classes.length;
  if (c.task !== 'regression' && C > 1) {
    const pred = argmaxRows(c.outputs, C);
    const predicted = new Array<number>(C).fill(0);
    const actual = new Array<number>(C).fill(0);
    for (let i = 0; i < n; i++) {
      predicted[pred[i]]++;
      if (c.y[i] >= 0) actual[c.y[i]]++;
    }
    const k = predicted.indexOf(Math.max(...predicted));
    const said = predicted[k] / n;
    const truth = actual[k] / n;
    if (said >= ONE_CLASS_SHARE && truth < DOMINANT_CLASS_SHARE) {
      const label = `“${c.classes[k]}”`;
      const rows = said === 1 ? 'every row' : `${pct(said)} of the rows`;
      return [
        {
          code: 'predicts-one-class',
          text:
            `The model predicts ${label} for ${rows}: it has not learned to tell the classes apart from these columns; ` +
            `its accuracy (${pct(truth)}) is that of always answering ${label}.`,
        },
      ];
    }
  }
  if (!compared) return [];
  const [mine, base] = distinctPrecision(c.score, c.baselineScore!);
  const guess = c.task === 'regression' ? 'the mean of the training rows' : "each class's share of the training rows";
  return [
    {
      code: 'no-better-than-baseline',
      text:
        `The model's validation ${c.metric} ${mine} is ${isBetter(c.task, c.score, c.baselineScore!) ? 'hardly better' : 'no better'} than the ${base} of predicting ${guess} for every row: ` +
        `it has not learned anything from these columns that ${c.task === 'regression' ? 'the mean does' : 'the class frequencies do'} not already say.`,
    },
  ];
}

/**
 * Better than the baseline by more than a search over noise reaches: 1 % of its loss (log loss,
 * RMSE), or 0.01 of ROC AUC. On a target that depends on no column, the ensemble's validation loss
 * came out a hair under the baseline's, depending on which trials the time budget allowed.
 */
export function clearlyBetter(task: TaskKind, score: number, baseline: number): boolean {
  return higherIsBetter(task) ? score > baseline + 0.01 : score < 0.99 * baseline;
}
