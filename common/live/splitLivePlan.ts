/**
 * Splits a live re-run plan around the cells the user is running: what can re-run now, beside them
 * (on the session's live lane), and what must wait until they end. A plan cell waits when it is one
 * of the running cells, or uses a name a running cell defines, directly or through plan cells that
 * wait themselves; its own definitions then count as unsettled for the cells below it. A cell the
 * plan does not re-run passes nothing on: what it defined stays as it was while the running cell runs.
 *
 * The running cells' definitions are unsettled wherever those cells sit in the notebook: a cell
 * above the running one that reads what it defines (run out of order) would read a half-made value.
 * A plan cell that redefines a name a running cell reads waits too: replaced in mid-run, it would
 * give the running cell's later statements a different value than its earlier ones saw.
 *
 * A cell that reads or makes what lives in the user's connection only (a TEMP table, view or macro;
 * SET or USE: connectionLocal.ts) waits too: the live lane runs on another connection.
 */
import { connectionLocalCells } from './connectionLocal';
import { cellNames, type LiveCell } from './planLiveRuns';

export function splitLivePlan(cells: LiveCell[], plan: string[], running: string[]): { now: string[]; later: string[] } {
  const planned = new Set(plan);
  const busy = new Set(running);
  const unsettled = new Set<string>();
  const readByRunning = new Set<string>();
  for (const cell of cells) {
    if (!busy.has(cell.id)) continue;
    const names = cellNames(cell);
    for (const d of names.defines) unsettled.add(d.toLowerCase());
    for (const u of names.uses) readByRunning.add(u.toLowerCase());
  }
  // With nothing of the user's running, nothing goes beside it: every re-run may use the user's connection.
  const local = busy.size > 0 ? connectionLocalCells(cells) : new Map<string, string>();
  const now: string[] = [];
  const later: string[] = [];
  for (const cell of cells) {
    if (!planned.has(cell.id)) continue;
    const names = cellNames(cell);
    const waits =
      busy.has(cell.id) ||
      local.has(cell.id) ||
      names.uses.some((u) => unsettled.has(u.toLowerCase())) ||
      names.defines.some((d) => readByRunning.has(d.toLowerCase()));
    if (waits) {
      later.push(cell.id);
      for (const d of names.defines) unsettled.add(d.toLowerCase());
    } else {
      now.push(cell.id);
    }
  }
  return { now, later };
}
