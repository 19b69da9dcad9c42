/**
 * The deliverable model: preprocessing + binning/encoding + ensemble members. Predicts from raw rows
 * (or a raw table); serialises to one compact JSON string.
 */
import { Binner, type BinnerJSON } from './binner';
import { fittedFromJSON, fittedToJSON, predictEstimator, type Fitted, type FittedJSON, type PredictSet } from './estimators';
import { LinearEncoder, type LinearEncoderJSON } from './linearEncoder';
import { Preprocessor, type FeatureMatrix, type PreprocessorJSON } from './preprocessor';
import type { TaskKind } from './profile';
import { rowsToTable, type AutoMLRow, type AutoMLTable } from './table';
import { AutoMLError } from './AutoMLError';

/** One ensemble member: its models are averaged (uniformly unless `modelWeights` is given, summing to 1). */
export interface Member {
  weight: number;
  models: Fitted[];
  modelWeights?: number[];
}

export function modelWeight(m: Member, j: number): number {
  return m.modelWeights ? m.modelWeights[j] : 1 / m.models.length;
}

export class AutoMLModel {
  constructor(
    readonly task: TaskKind,
    readonly target: string,
    /** Class labels in output order (empty for regression). */
    readonly classes: string[],
    readonly preprocessor: Preprocessor,
    readonly binner: Binner,
    readonly encoder: LinearEncoder,
    readonly members: Member[],
  ) {}

  /** Features of raw rows, in every representation the members need. */
  prepare(data: AutoMLRow[] | AutoMLTable): { fm: FeatureMatrix; ps: PredictSet } {
    const table = Array.isArray(data) ? rowsToTable(data, this.preprocessor.inputColumns) : data;
    const fm = this.preprocessor.transform(table, undefined, Array.isArray(data) ? data.length : undefined);
    return { fm, ps: this.prepareFeatures(fm) };
  }

  prepareFeatures(fm: FeatureMatrix): PredictSet {
    const needsDense = this.members.some((m) => m.models.some((e) => e.linear || e.mlp));
    return { binned: this.binner.transform(fm), dense: needsDense ? this.encoder.transform(fm) : new Float64Array(0) };
  }

  /** Weighted average of members' outputs; each member averages its fold models. */
  outputsFromFeatures(ps: PredictSet): Float64Array {
    let out: Float64Array | null = null;
    for (const m of this.members) {
      for (const [j, e] of m.models.entries()) {
        const o = predictEstimator(e, ps, null);
        out ??= new Float64Array(o.length);
        const w = m.weight * modelWeight(m, j);
        for (let i = 0; i < o.length; i++) out[i] += w * o[i];
      }
    }
    return out!;
  }

  /** Rows x outputs: class probabilities (in `classes` order) or predicted values. */
  outputs(data: AutoMLRow[] | AutoMLTable): Float64Array {
    return this.outputsFromFeatures(this.prepare(data).ps);
  }

  predictProba(data: AutoMLRow[] | AutoMLTable): Record<string, number>[] {
    if (this.task === 'regression') throw new AutoMLError('predictProba needs a classification model; this one is a regression.');
    const out = this.outputs(data);
    const C = this.classes.length;
    return Array.from({ length: out.length / C }, (_, i) => Object.fromEntries(this.classes.map((c, k) => [c, out[i * C + k]])));
  }

  /** Predicted class labels, or values for regression. */
  predict(data: AutoMLRow[] | AutoMLTable): (string | number)[] {
    const out = this.outputs(data);
    if (this.task === 'regression') return Array.from(out);
    const C = this.classes.length;
    return Array.from({ length: out.length / C }, (_, i) => {
      let b = 0;
      for (let k = 1; k < C; k++) if (out[i * C + k] > out[i * C + b]) b = k;
      return this.classes[b];
    });
  }
}

interface ModelJSON {
  format: 'silt-automl-model';
  version: 1;
  task: TaskKind;
  target: string;
  classes: string[];
  preprocessor: PreprocessorJSON;
  binner: BinnerJSON;
  encoder: LinearEncoderJSON;
  members: { weight: number; models: FittedJSON[]; modelWeights?: number[] }[];
}

export function serializeModel(m: AutoMLModel): string {
  const j: ModelJSON = {
    format: 'silt-automl-model',
    version: 1,
    task: m.task,
    target: m.target,
    classes: m.classes,
    preprocessor: m.preprocessor.toJSON(),
    binner: m.binner.toJSON(),
    encoder: m.encoder.toJSON(),
    members: m.members.map((x) => ({ weight: x.weight, models: x.models.map(fittedToJSON), modelWeights: x.modelWeights })),
  };
  return JSON.stringify(j);
}

export function loadModel(json: string): AutoMLModel {
  let j: ModelJSON;
  try {
    j = JSON.parse(json) as ModelJSON;
  } catch {
    throw new AutoMLError('The model file is not valid JSON.', 'corrupt');
  }
  if (j.format !== 'silt-automl-model' || j.version !== 1)
    throw new AutoMLError('Not a Silt AutoML model (format/version mismatch).', 'unsupported');
  return new AutoMLModel(
    j.task,
    j.target,
    j.classes,
    Preprocessor.fromJSON(j.preprocessor),
    Binner.fromJSON(j.binner),
    LinearEncoder.fromJSON(j.encoder),
    j.members.map((m) => ({ weight: m.weight, models: m.models.map(fittedFromJSON), modelWeights: m.modelWeights })),
  );
}
