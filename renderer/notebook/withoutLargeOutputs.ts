/**
 * A notebook too big to save still deserves a recovery copy: the code and markdown are the user's
 * work, while big outputs can be made again by running the cells. This keeps every cell and every
 * small output, and puts a one-line note where an output was too big to keep.
 */
import type { NotebookModel, Output } from '../../kernel/protocol/notebook';

/** Outputs whose JSON is longer than this are replaced by a note in the recovery copy. */
export const KEEP_OUTPUT_CHARS = 256 * 1024;

export function withoutLargeOutputs(nb: NotebookModel, keep = KEEP_OUTPUT_CHARS): NotebookModel {
  return {
    ...nb,
    cells: nb.cells.map((c) => (c.type === 'code' ? { ...c, outputs: c.outputs.map((o) => small(o, keep)) } : c)),
  };
}

function small(o: Output, keep: number): Output {
  const size = JSON.stringify(o).length;
  if (size <= keep) return o;
  const mb = (size / (1024 * 1024)).toFixed(1);
  return {
    kind: 'stream',
    name: 'stderr',
    text: `[An output of ${mb} MB was left out of this copy: too big to save. Run the cell again.]\n`,
  };
}
