/** Public API of Silt's AutoML engine. */
export { fitAutoML, type AutoMLOptions, type AutoMLRun, type LeaderboardEntry } from './fitAutoML';
export { runAutomlCli } from './runAutomlCli';
export { AutoMLError } from './AutoMLError';
export { AutoMLModel, serializeModel, loadModel } from './AutoMLModel';
export type { AutoMLProgress } from './search';
export type { AutoMLTable, AutoMLRow, AutoMLValue } from './table';
export { loadTable } from './loadTable';
export { profileTable, type DataProfile, type ColumnProfile, type TaskKind } from './profile';
export { treeShap, permutationImportance, type ShapResult, type Importance } from './explain';
export { evaluate, type MetricReport } from './evaluate';
export { renderReport } from './renderReport';
export { automlCharts, type AutoMLChart } from './automlCharts';
export { generateNotebookCells, type NotebookCell } from './generateNotebookCells';
export { trainSingleModel } from './trainSingleModel';
