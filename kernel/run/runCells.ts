/**
 * Runs code cells of a notebook in order in a headless session, writing each one's outputs into the
 * notebook. Without `allowErrors` the first failing cell stops the run (the cells after it are left
 * as they were); with it every cell runs, as `jupyter nbconvert --allow-errors` does.
 */
import type { CodeCell, NotebookModel } from '../protocol';
import type { HeadlessSession } from './HeadlessSession';

export interface CellFailure {
  index: number;
  cell: CodeCell;
  message: string;
}

export interface CellsRun {
  ran: string[];
  failures: CellFailure[];
  /** Cell id → the handle of its first table result, for publishing it. */
  handles: Map<string, string>;
}

export async function runCells(
  session: HeadlessSession,
  nb: NotebookModel,
  ids: string[],
  opts: { allowErrors?: boolean; clearRest?: boolean } = {},
): Promise<CellsRun> {
  const wanted = new Set(ids);
  const run: CellsRun = { ran: [], failures: [], handles: new Map() };
  for (const [index, cell] of nb.cells.entries()) {
    if (cell.type !== 'code' || !wanted.has(cell.id)) continue;
    if (run.failures.length > 0 && !opts.allowErrors) {
      // The first pass shows nothing from cells that never ran; a re-run keeps what they showed.
      if (opts.clearRest) Object.assign(cell, { outputs: [], executionCount: null });
      continue;
    }
    const result = await session.execute(cell);
    const table = result.outputs.find((o) => o.kind === 'table');
    if (table?.kind === 'table' && table.handle) run.handles.set(cell.id, table.handle);
    // A handle means nothing outside this session: files never carry one.
    cell.outputs = result.outputs.map((o) => (o.kind === 'table' ? { ...o, handle: undefined } : o));
    cell.executionCount = result.executionCount;
    cell.elapsedMs = result.elapsedMs;
    run.ran.push(cell.id);
    if (result.status !== 'ok') {
      const err = result.outputs.find((o) => o.kind === 'error');
      const message = err?.kind === 'error' ? `${err.ename}: ${err.message}${err.line ? ` (line ${err.line})` : ''}` : result.status;
      run.failures.push({ index, cell, message });
    }
  }
  return run;
}
