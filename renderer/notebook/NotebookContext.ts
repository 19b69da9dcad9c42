/**
 * What a deep component (a result's action bar, a dialog it opens) may do to the notebook without
 * threading callbacks through every layer: reach the kernel and this notebook's session, add cells,
 * and report a problem in the window's banner.
 */
import { createContext, useContext } from 'react';
import type { CodeLanguage } from '../../kernel/protocol/notebook';
import type { KernelClient } from '../kernel-client/KernelClient';

export interface NewCell {
  type: 'code' | 'markdown';
  language?: CodeLanguage;
  source: string;
  /** A SQL cell's result name. */
  name?: string;
}

export interface NotebookActions {
  client: KernelClient;
  /** The session of this notebook; read it when acting, since a restart replaces it. */
  sessionId(): string | null;
  /** Inserts cells after the given cell (after the selected one when null) and runs the code cells when asked. */
  insertCells(afterCellId: string | null, cells: NewCell[], run: boolean): void;
  /**
   * The name a SQL cell's result goes by, naming it now (cell and session alike) when it has none,
   * so code written against it keeps working after a restart. Null for a TypeScript cell's result.
   */
  nameResult(cellId: string, handle: string): Promise<string | null>;
  report(what: string, error: Error): void;
}

export const NotebookContext = createContext<NotebookActions | null>(null);

export function useNotebookActions(): NotebookActions {
  const actions = useContext(NotebookContext);
  if (!actions) throw new Error('useNotebookActions outside a notebook');
  return actions;
}
