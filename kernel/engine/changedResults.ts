/**
 * After a run, the results whose tables that run changed underneath them: a named cell's table that a
 * later `DELETE`, `INSERT`, in-place `DROP ROW` or `DROP TABLE` touched. Their grids still show the row
 * count the cell produced, and paging would read other rows than the count says; so each such result
 * is marked (its pages answer `conflict`) and returned, for the session to tell the window.
 *
 * Only the row count is compared: an UPDATE that keeps the count is not caught (the grid then pages
 * the new values, which is at least consistent with its count).
 */
import { formatRowCount } from '../../common/formatRowCount';
import type { DuckEngine } from './DuckEngine';

export interface ChangedResult {
  handle: string;
  /** For the grid, e.g. "orders changed after this cell ran: it now has 90 rows, not 100. These are …". */
  message: string;
}

export async function changedResults(engine: DuckEngine): Promise<ChangedResult[]> {
  const out: ChangedResult[] = [];
  for (const r of engine.namedResults()) {
    const now = await engine.countNow(r.table);
    if (now === r.rowCount) continue;
    // Running the cell again makes the table again from its query, undoing the later change: the words
    // say so rather than inviting a re-run as the way to "see" the change.
    const message =
      now === null
        ? `${r.table} was dropped after this cell ran. These are the rows the cell made; Run makes the table again.`
        : `${r.table} changed after this cell ran: it now has ${formatRowCount(now)}, not ${r.rowCount.toLocaleString('en-US')}. ` +
          `These are the rows the cell made; query ${r.table} to see it as it is now, or Run to make it again.`;
    if (engine.markChanged(r, message)) out.push({ handle: r.handle, message });
  }
  return out;
}
