/**
 * Which shared tables a watch run or a dashboard keeps live: the tables named by cells marked live
 * (`auto`) when the notebook has any, as the app does when it opens the notebook; otherwise every
 * shared table a cell names, so a notebook written before live tables existed can be watched too.
 * Cells set to `manual` never re-run, so their tables alone are not worth polling.
 */
import { planLiveRuns, type LiveCell } from './planLiveRuns';

/** `refs`: cell id → the shared tables it names (the session's `live.refs`). */
export function watchedTables(cells: LiveCell[], refs: Record<string, string[]>): string[] {
  const marked = cells.filter((c) => c.live === 'auto');
  const from = marked.length > 0 ? marked : cells.filter((c) => c.live !== 'manual');
  return [...new Set(from.flatMap((c) => refs[c.id] ?? []))].sort();
}

/** Cell id → the watched tables it depends on, directly or through cells above it. */
export function tableDependents(cells: LiveCell[], tables: string[]): Record<string, string[]> {
  const byCell: Record<string, string[]> = {};
  for (const t of tables) for (const id of planLiveRuns(cells, [t])) byCell[id] = [...(byCell[id] ?? []), t];
  return byCell;
}
