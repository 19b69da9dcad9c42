/** A model's metrics on chosen rows of a table (the holdout), as the generated notebook reports them. */
import type { AutoMLModel } from './AutoMLModel';
import { AutoMLError } from './AutoMLError';
import { evaluate, type MetricReport } from './evaluate';
import { isMissing, labelOf } from './profile';
import { takeRows, type AutoMLTable, type AutoMLValue } from './table';

export function evaluateModel(model: AutoMLModel, table: AutoMLTable, rows: number[]): MetricReport {
  const tc = table.columns.find((c) => c.name === model.target);
  if (!tc) throw new AutoMLError(`Target column "${model.target}" is not in the table.`);
  const tv = tc.values as ArrayLike<AutoMLValue>;
  const C = model.classes.length;
  // Rows whose label the model never saw cannot be scored by class probabilities; they are left out.
  const keep = rows.filter((r) => !isMissing(tv[r]) && (!C || model.classes.includes(labelOf(tv[r]))));
  if (!keep.length) throw new AutoMLError('None of the rows to evaluate has a known target.');
  const y = Float64Array.from(keep, (r) => (C ? model.classes.indexOf(labelOf(tv[r])) : Number(tv[r])));
  return evaluate(model.task, y, model.outputs(takeRows(table, keep)), C);
}
