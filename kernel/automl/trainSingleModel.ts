/**
 * The step-by-step API the generated notebook uses: fit one family with fixed parameters on given
 * rows, with the same preprocessing the search used, and get back an AutoMLModel.
 */
import { AutoMLModel } from './AutoMLModel';
import { Binner } from './binner';
import { fitEstimator, type Family, type Params } from './estimators';
import { LinearEncoder } from './linearEncoder';
import { initTensorflow } from './mlp';
import { Preprocessor } from './preprocessor';
import { useOnly } from './chooseColumns';
import { labelOf, profileTable, type TaskKind } from './profile';
import type { AutoMLTable } from './table';

export async function trainSingleModel(
  table: AutoMLTable,
  opts: {
    target: string;
    task: TaskKind;
    family: Family;
    params: Params;
    trainIndex: number[];
    seed?: number;
    /** The feature columns, as the search chose them; every column the profile would use when absent. */
    features?: string[];
  },
): Promise<AutoMLModel> {
  if (opts.family === 'mlp') await initTensorflow();
  const typed = profileTable(table, opts.target, opts.trainIndex, opts.task);
  const profile = opts.features ? useOnly(table, typed, opts.features) : typed;
  const pre = Preprocessor.fit(table, profile.columns, opts.trainIndex);
  const fm = pre.transform(table, opts.trainIndex);
  const binner = Binner.fit(fm);
  const all = Uint32Array.from({ length: fm.n }, (_, i) => i);
  // Only linear models and the MLP read the dense encoding; tree families skip fitting it (it cost
  // a GBDT about a sixth of its time end to end), and their saved model carries an empty one.
  const dense = opts.family === 'linear' || opts.family === 'mlp';
  const encoder = dense ? LinearEncoder.fit(fm, all) : new LinearEncoder([]);
  const C = opts.task === 'regression' ? 0 : profile.classes.length;
  const tv = table.columns.find((c) => c.name === opts.target)!.values;
  const y = Float64Array.from(opts.trainIndex, (r) => (C ? profile.classes.indexOf(labelOf(tv[r])) : Number(tv[r])));
  const ts = {
    obj: opts.task,
    C,
    binned: binner.transform(fm),
    nBins: binner.nBins,
    isCat: binner.isCat,
    dense: dense ? encoder.transform(fm) : new Float64Array(0),
    d: encoder.width,
    y,
  };
  const fitted = fitEstimator(ts, opts.family, opts.params, all, null, Infinity, opts.seed ?? 0);
  return new AutoMLModel(opts.task, opts.target, profile.classes, pre, binner, encoder, [{ weight: 1, models: [fitted] }]);
}
