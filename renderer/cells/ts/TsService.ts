/**
 * What a TypeScript cell's editor asks the session: the compiler's errors for the cell and the
 * completions at a position, with the notebook's earlier TypeScript cells in scope.
 */
import { createContext } from 'react';
import type { CellCompletions, CellDiagnostic } from '../../../kernel/protocol/typescript';
import type { Cell } from '../../../kernel/protocol/notebook';

export interface TsService {
  diagnostics(cellId: string, code: string): Promise<CellDiagnostic[]>;
  completions(cellId: string, code: string, pos: number): Promise<CellCompletions>;
}

/** Null where there is no session to ask (no TypeScript help then, the editor works as before). */
export const TsServiceContext = createContext<TsService | null>(null);

/**
 * Changes whenever a cell's run ends (the execution counts of the notebook, as one key). A run can
 * declare what other cells use (a SQL result named `orders`, a TypeScript variable), so a check made
 * before it may be wrong now ("Cannot find name 'orders'" after Run all): TypeScript editors check
 * again when it changes.
 */
export const TsRunsContext = createContext('');

/** The key of TsRunsContext for these cells. */
export function runsKey(cells: readonly Cell[]): string {
  return cells.map((c) => (c.type === 'code' ? (c.executionCount ?? '') : '')).join(',');
}

/** The sources of the TypeScript cells above `cellId`, top to bottom: what the cell can use. */
export function cellsBefore(cells: readonly Cell[], cellId: string): string[] {
  const before: string[] = [];
  for (const c of cells) {
    if (c.id === cellId) return before;
    if (c.type === 'code' && c.language === 'typescript') before.push(c.source);
  }
  // A cell not in the document (just deleted): check it alone rather than against every cell.
  return [];
}
