/** AutoML's contribution to the app: "Train a baseline model…" on every live table result. */
import { registerResultAction } from '../outputs/resultActionRegistry';
import { TrainFromResult } from './TrainFromResult';

registerResultAction({
  id: 'automl',
  label: 'Train a baseline model…',
  title: 'Search for a model that predicts one column from the others (AutoML)',
  order: 10,
  rank: 50,
  Dialog: TrainFromResult,
});
