/**
 * Headless runs (`silt run`): every code cell in order in a fresh session, outputs written into the
 * notebook, parameters injected after the cell tagged `parameters`.
 */
import type { NotebookModel } from '../protocol';
import { HeadlessSession } from './HeadlessSession';
import { injectParameters } from './injectParameters';
import { runCells, type CellFailure, type CellsRun } from './runCells';

export interface RunOptions {
  params?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  sessionEntry?: string;
  /** Go on after a failing cell (its error stays in its outputs). */
  allowErrors?: boolean;
  /** Called with the live session before any cell runs (a watch run starts its live tables here). */
  beforeRun?(session: HeadlessSession, notebook: NotebookModel): Promise<void>;
  /** Called after the pass with the session still open; the run closes it once this resolves. */
  afterRun?(session: HeadlessSession, notebook: NotebookModel, pass: CellsRun): Promise<void>;
}

export interface RunSummary {
  notebook: NotebookModel;
  /** The first failing cell, or null. */
  failed: CellFailure | null;
  failures: CellFailure[];
}

export async function runNotebook(nb: NotebookModel, opts: RunOptions = {}): Promise<RunSummary> {
  const notebook = injectParameters(nb, opts.params ?? {});
  const session = new HeadlessSession({ ...process.env, ...opts.env }, opts.sessionEntry);
  try {
    await opts.beforeRun?.(session, notebook);
    const ids = notebook.cells.filter((c) => c.type === 'code').map((c) => c.id);
    const pass = await runCells(session, notebook, ids, { allowErrors: opts.allowErrors, clearRest: true });
    await opts.afterRun?.(session, notebook, pass);
    return { notebook, failed: pass.failures[0] ?? null, failures: pass.failures };
  } finally {
    await session.close();
  }
}
