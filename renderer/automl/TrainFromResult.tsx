/** The result grid's "Train model…" action: the dialog on the rows of that result. */
import type { ResultActionProps } from '../outputs/resultActionRegistry';
import { TrainModelDialog } from './TrainModelDialog';

export function TrainFromResult({ output, cellId, onClose }: ResultActionProps) {
  return <TrainModelDialog source={{ handle: output.handle }} columns={output.columns} afterCellId={cellId} onClose={onClose} />;
}
