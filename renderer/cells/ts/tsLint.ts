/**
 * Red squiggles under what the TypeScript compiler rejects, with its message on hover: the editor asks
 * the session (debounced by @codemirror/lint while the user types) and marks the ranges it answers.
 * The lint package drops an answer that arrives after the text changed again.
 */
import { forEachDiagnostic, linter, type Diagnostic } from '@codemirror/lint';
import { StateEffect, type EditorState, type Extension } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { SiltError } from '../../../common/SiltError';
import type { CellDiagnostic } from '../../../kernel/protocol/typescript';
import type { TsService } from './TsService';

/** Typing pauses this long before the cell is checked. */
const DELAY_MS = 400;

/**
 * Dispatched into an editor to have its cell checked again though its text did not change: a run
 * declared what the cell uses (CodeEditor sends it when a run ends).
 */
export const recheck = StateEffect.define<null>();

export function tsLint(service: () => TsService | null, cellId: () => string): Extension {
  return linter(tsLintSource(service, cellId), {
    delay: DELAY_MS,
    needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(recheck))),
  });
}

/** What the linter runs: the session's diagnostics for the editor's text, as marks. */
export function tsLintSource(service: () => TsService | null, cellId: () => string): (view: EditorView) => Promise<Diagnostic[]> {
  return async (view) => {
    const ts = service();
    if (!ts) return [];
    const code = view.state.doc.toString();
    try {
      return toLintDiagnostics(await ts.diagnostics(cellId(), code), code.length);
    } catch (e) {
      // A newer check of this cell replaced this one (the session did not compute it): the marks stay.
      if (e instanceof SiltError && e.code === 'cancelled') return shown(view.state);
      // No session yet, or it restarted: no squiggles rather than an error while typing.
      return [];
    }
  };
}

/** The marks the editor shows now, where they are now. */
function shown(state: EditorState): Diagnostic[] {
  const marks: Diagnostic[] = [];
  forEachDiagnostic(state, (d, from, to) => marks.push({ ...d, from, to }));
  return marks;
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
