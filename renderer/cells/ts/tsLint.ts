/**
 * Red squiggles under what the TypeScript compiler rejects, with its message on hover: the editor asks
 * the session (debounced by @codemirror/lint while the user types) and marks the ranges it answers.
 * The lint package drops an answer that arrives after the text changed again.
 */
import { linter, type Diagnostic } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import type { CellDiagnostic } from '../../../kernel/protocol/typescript';
import type { TsService } from './TsService';

/** Typing pauses this long before the cell is checked. */
const DELAY_MS = 400;

export function tsLint(service: () => TsService | null, cellId: () => string): Extension {
  return linter(
    async (view) => {
      const ts = service();
      if (!ts) return [];
      const code = view.state.doc.toString();
      try {
        return toLintDiagnostics(await ts.diagnostics(cellId(), code), code.length);
      } catch {
        // No session yet, or it restarted: no squiggles rather than an error while typing.
        return [];
      }
    },
    { delay: DELAY_MS },
  );
}

/** The compiler's diagnostics as lint marks; an empty range is widened to one character so it shows. */
export function toLintDiagnostics(found: CellDiagnostic[], length: number): Diagnostic[] {
  return found.map((d) => {
    const from = Math.min(d.from, length);
    const to = Math.min(Math.max(d.to, from + 1), length);
    return {
      from: to > from ? from : Math.max(0, from - 1),
      to,
      severity: d.severity,
      message: `${d.message} (TS${d.code})`,
      source: 'TypeScript',
    };
  });
}
