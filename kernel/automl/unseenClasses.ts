/**
 * Classes a run is scored on but could not learn: present in validation (or test) rows, absent or
 * nearly absent from the rows trained for them. A time split makes this common (a status only the
 * newest rows have, like orders placed and not yet shipped): no model can predict such a class, and
 * log loss charges each of its rows −ln(1e-15) ≈ 34.5, so the score says more about the split than
 * about the models. The run says so in words instead of changing the split behind the user's back.
 */

/** Fewer training rows of a class than this cannot teach any model the class. */
export const MIN_TRAIN_CLASS_ROWS = 5;

export interface UnseenClass {
  label: string;
  where: 'validation' | 'test';
  /** Its rows among the scored rows (of the folds that trained on too few of them). */
  scoredRows: number;
  /** Most rows of the class any of those folds trained on. */
  trainRows: number;
  /** Validation folds (indexes into the plan) that scored it after training on too few of its rows. */
  folds?: number[];
  /** Share of the rows, in time order, from the class's first row to the newest (time split only). */
  newestShare?: number;
  text: string;
}

export interface ValidationSide {
  target: string;
  classes: string[];
  /** Class index of each training row (−1: none). */
  y: Float64Array;
  folds: { train: ArrayLike<number>; valid: ArrayLike<number> }[];
  /** Each training row's time and the column's name, for a time split. */
  time?: { column: string; times: Float64Array };
}

const countClasses = (y: Float64Array, rows: ArrayLike<number>, C: number) => {
  const n = new Array<number>(C).fill(0);
  for (let i = 0; i < rows.length; i++) if (y[rows[i]] >= 0) n[y[rows[i]]]++;
  return n;
};

const percent = (x: number) => (x < 0.01 ? '< 1' : String(Math.round(100 * x)));
const times = (n: number) => (n === 1 ? 'once' : `${n} times`);

/**
 * Classes the validation folds scored after training on fewer than MIN_TRAIN_CLASS_ROWS of them. The
 * words depend on the fold with the most training rows (the newest, for a time split): when even it
 * has (almost) none, no model of the run can predict the class; otherwise only older folds could not.
 */
export function unseenInValidation(v: ValidationSide): UnseenClass[] {
  const C = v.classes.length;
  const scored = new Array<number>(C).fill(0);
  const trained = new Array<number>(C).fill(0);
  const most = new Array<number>(C).fill(0);
  const folds: number[][] = Array.from({ length: C }, () => []);
  v.folds.forEach((f, j) => {
    const tr = countClasses(v.y, f.train, C);
    const va = countClasses(v.y, f.valid, C);
    for (let k = 0; k < C; k++) {
      most[k] = Math.max(most[k], tr[k]);
      if (va[k] > 0 && tr[k] < MIN_TRAIN_CLASS_ROWS) {
        scored[k] += va[k];
        trained[k] = Math.max(trained[k], tr[k]);
        folds[k].push(j);
      }
    }
  });
  const out: UnseenClass[] = [];
  for (let k = 0; k < C; k++) {
    if (!scored[k]) continue;
    const label = v.classes[k];
    const name = `${v.target} = ${label}`;
    const base = { label, where: 'validation' as const, scoredRows: scored[k], trainRows: trained[k], folds: folds[k] };
    const share = v.time ? newestShare(v.y, k, v.time.times) : undefined;
    let text: string;
    if (most[k] >= MIN_TRAIN_CLASS_ROWS) {
      // Only older folds lacked it: their scores charge rows no model of theirs could predict.
      const n = folds[k].length;
      const which = v.time ? `${n} of the ${v.folds.length} rolling folds (the oldest)` : `${n} of the ${v.folds.length} folds`;
      text =
        `${name} ${v.time ? `first occurs in the newest ${percent(share!)} % of rows: ` : ''}${which} ${n === 1 ? 'trains' : 'train'} on ` +
        `${trained[k] ? `only ${trained[k]}` : 'none'} of its rows yet ${n === 1 ? 'scores' : 'score'} ${scored[k]} of them.`;
    } else {
      const never = most[k] === 0;
      const cannot = never
        ? 'never in training: no model can predict it'
        : `only ${times(most[k])} in training: too few for any model to learn it`;
      if (v.time) {
        const where = `a time split on ${v.time.column} puts ${never ? 'all' : 'nearly all'} of them in validation`;
        text = never
          ? `${name} occurs only in the newest ${percent(share!)} % of rows (validation), ${cannot}; ${where}.`
          : `${name} occurs ${times(scored[k])} in validation but ${cannot}; ${where}.`;
      } else text = `${name} occurs ${times(scored[k])} in validation, ${cannot}.`;
    }
    out.push({ ...base, ...(share === undefined ? {} : { newestShare: share }), text });
  }
  return out;
}

/** Share of the rows whose time is at or after the first time class k occurs. */
function newestShare(y: Float64Array, k: number, t: Float64Array): number {
  let first = Infinity;
  for (let i = 0; i < y.length; i++) if (y[i] === k && !Number.isNaN(t[i])) first = Math.min(first, t[i]);
  if (first === Infinity) return 0;
  let newer = 0;
  for (let i = 0; i < t.length; i++) if (t[i] >= first) newer++;
  return newer / t.length;
}

/** Test labels the model trained on fewer than MIN_TRAIN_CLASS_ROWS rows of (labels as strings). */
export function unseenInTest(target: string, trainLabels: string[], testLabels: string[]): UnseenClass[] {
  const trained = new Map<string, number>();
  for (const l of trainLabels) trained.set(l, (trained.get(l) ?? 0) + 1);
  const scored = new Map<string, number>();
  for (const l of testLabels) scored.set(l, (scored.get(l) ?? 0) + 1);
  return [...scored]
    .filter(([l]) => (trained.get(l) ?? 0) < MIN_TRAIN_CLASS_ROWS)
    .map(([label, n]) => {
      const t = trained.get(label) ?? 0;
      const text = t
        ? `${target} = ${label} occurs ${times(n)} in the test rows but only ${times(t)} in training: too few for any model to learn it.`
        : `${target} = ${label} occurs ${times(n)} in the test rows, never in training: no model can predict it, so the test metrics leave these rows out.`;
      return { label, where: 'test' as const, scoredRows: n, trainRows: t, text };
    });
}
