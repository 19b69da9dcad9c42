/** A notebook's code cells as the live dependency plan reads them (common/live/planLiveRuns). */
import type { LiveCell } from '../../common/live/planLiveRuns';
import type { NotebookModel } from '../protocol';

export function liveCellsOf(nb: NotebookModel): LiveCell[] {
  return nb.cells.flatMap((c) =>
    c.type === 'code'
      ? [{ id: c.id, language: c.language, code: c.source, ...(c.name ? { name: c.name } : {}), ...(c.live ? { live: c.live } : {}) }]
      : [],
  );
}
