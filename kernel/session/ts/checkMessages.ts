/** Messages between the session and its type-checking worker thread. */
import type { CellCompletions, CellDiagnostic } from '../../protocol/typescript';
import type { CellFiles } from './CellChecker';

export interface CheckRequest {
  id: number;
  kind: 'diagnostics' | 'completions';
  cells: CellFiles;
  pos?: number;
}

export type CheckReply =
  { id: number; ok: true; result: CellDiagnostic[] | CellCompletions | null } | { id: number; ok: false; message: string };
