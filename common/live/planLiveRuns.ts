/**
 * Which cells re-run when live tables change: walking the notebook in order, a cell is affected when
 * it uses a changed table or a name an affected cell before it defines; an affected cell's own
 * definitions then count as changed for the cells below. A `manual` cell does not re-run, so what it
 * defines stays as it was and the chain stops there.
 *
 * Pure, so the window plans its own re-runs the moment a `live.update` arrives, with the cells as
 * they are on screen, and the session reads the same names for `live.refs`.
 */
import { sqlNames, type CellNames } from './sqlNames';
import { tsNames } from './tsNames';

/** A code cell as the plan reads it (the protocol's LiveCell has this shape). */
export interface LiveCell {
  id: string;
  language: 'sql' | 'typescript';
  code: string;
  /** A SQL cell's result name (it defines a table of that name). */
  name?: string;
  /** `manual`: never re-run by a live update (nor are cells downstream of it through this cell). */
  live?: 'auto' | 'manual';
}

export function cellNames(cell: LiveCell): CellNames {
  return cell.language === 'sql' ? sqlNames(cell.code, cell.name?.trim() || undefined) : tsNames(cell.code);
}

export function planLiveRuns(cells: LiveCell[], changed: string[]): string[] {
  const dirty = new Set(changed.map((c) => c.toLowerCase()));
  const plan: string[] = [];
  for (const cell of cells) {
    const names = cellNames(cell);
    if (!names.uses.some((u) => isDirty(u.toLowerCase(), dirty))) continue;
    if (cell.live === 'manual') continue;
    plan.push(cell.id);
    for (const d of names.defines) dirty.add(d.toLowerCase());
  }
  return plan;
}

/**
 * SQL names are case-insensitive (TypeScript's are not, but treating them alike only risks an extra
 * re-run). A shared table may be written with its profile in front: `profile.share.schema.table`.
 */
function isDirty(used: string, dirty: Set<string>): boolean {
  if (dirty.has(used)) return true;
  for (const d of dirty) {
    if (d.split('.').length >= 3 && (used.endsWith(`.${d}`) || d.endsWith(`.${used}`)) && used.split('.').length >= 3) return true;
  }
  return false;
}

/**
 * The manual cells a change leaves behind: those that would re-run if they were `auto`. They keep
 * showing numbers from before the change, so the window marks them stale until they run.
 */
export function staleManualCells(cells: LiveCell[], changed: string[]): string[] {
  const manual = new Set(cells.filter((c) => c.live === 'manual').map((c) => c.id));
  if (manual.size === 0) return [];
  const asAuto = cells.map((c) => (c.live === 'manual' ? { ...c, live: 'auto' as const } : c));
  return planLiveRuns(asAuto, changed).filter((id) => manual.has(id));
}
