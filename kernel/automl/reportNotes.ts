/**
 * The sentences an analyst needs to read the report's numbers right: which way a metric is better
 * and in what unit, why rows were (or were not) split by time, what the train and validation
 * columns measure, and on which rows the importances were measured.
 */
import type { AutoMLRun } from './fitAutoML';
import { higherIsBetter } from './taskMetric';

/** "lower is better, in mpg's units": for the headline score. */
export function metricReading(run: AutoMLRun): string {
  const way = higherIsBetter(run.task) ? 'higher is better' : 'lower is better';
  return run.task === 'regression' ? `${way}, in the units of ${run.target}` : way;
}

/** Why the split is what it is; empty when the user named the time column (the split's words say it). */
export function splitNote(run: AutoMLRun): string {
  const column = run.split.timeColumn;
  switch (run.timeColumnFrom) {
    case 'guessed':
      return `${column} was taken as the rows' time from the data; if it is not when each row happened, name another time column or turn the time split off.`;
    case 'off':
      return 'The time split was turned off, so validation rows are drawn from any time: if the model will score future rows, these scores may be optimistic.';
    case 'none-found': {
      // A date column can be there but not taken (too few distinct times, mostly missing): "none found" would be untrue.
      const dates = run.profile.columns.filter((c) => c.kind === 'datetime').map((c) => c.name);
      if (dates.length)
        return `${dates.join(', ')} did not look like when each row happened, so rows were shuffled: if one is, name it as the time column for scores that reflect future rows.`;
      return 'No date or time column was found, so rows were shuffled: if the rows are ordered in time by a column Silt did not recognise, name it as the time column for scores that reflect future rows.';
    }
    default:
      return '';
  }
}

/** What the metrics table's columns measure. */
export function metricsNote(run: AutoMLRun): string {
  const validation = {
    holdout: 'validation: the held-out rows, which no trial trained on',
    cv: 'validation: each row predicted by the fold models that did not train on it',
    time: "validation: each rolling fold's newer rows, predicted by models trained only on older rows",
  }[run.validation];
  const test = run.metrics.test ? '; test: the rows of the split file, never used in the search' : '';
  const units =
    run.task === 'regression'
      ? ` rmse and mae are in the units of ${run.target}; r2 is 1 for a perfect fit, 0 for always predicting the mean.`
      : '';
  return `train: the final model scored on its own training rows (optimistic); ${validation}${test}.${units}`;
}

/** On which rows the importances were measured, and what that means for reading them. */
export function importanceNote(run: AutoMLRun): string {
  const how = `How much ${run.metric} worsens when one column's values are shuffled (${higherIsBetter(run.task) ? 'a fall' : 'a rise'} in ${run.metric}), `;
  return `${how}${importanceRowsNote(run)}`;
}

/** The rows part alone ("measured on 614 training rows, …"), under a chart whose title says the rest. */
export function importanceRowsNote(run: AutoMLRun): string {
  const { set, rows } = run.importanceRows;
  return set === 'test'
    ? `measured on ${rows} test rows the model never saw.`
    : `measured on ${rows} training rows, which the model was fitted on: a column it overfits can look more important than it is.`;
}

/**
 * What the leaderboard's caption adds after "The scores …" when a warning changes how they read
 * (empty when none does); the warnings above the scores say it in full.
 */
export function leaderboardNote(warnings: AutoMLRun['warnings']): string {
  const codes = new Set(warnings.map((w) => w.code));
  const parts: string[] = [];
  if (codes.has('unseen-class') || codes.has('unseen-class-log-loss'))
    parts.push('include rows of classes the models trained on too few rows of');
  if (codes.has('predicts-one-class')) parts.push('come from a model that answers one class for (nearly) every row');
  else if (codes.has('no-better-than-baseline')) parts.push('are no better than guessing from the class frequencies or the mean');
  return parts.join('; they ');
}
