/** Scoring with a trained model: predictions with the model's id, and drift against the training data. */
export { scoreTable, asModel, modelInputs, type ScoreOptions, type ScoreResult, type ScoredColumn } from './scoreTable';
export { modelId } from './modelId';
export { numericDrift, categoricalDrift, ks, driftLevel, type DriftRow } from './drift';
