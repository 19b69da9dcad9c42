/**
 * Undo and redo of structural edits (insert, delete, cut, paste, merge, split, move, type or
 * language change). Text typed in a cell is not here: CodeMirror undoes that inside the editor.
 *
 * Each entry keeps the cell lists before and after the edit. The lists share their cells with the
 * document, so a hundred entries cost a hundred arrays of references, not copies of the notebook.
 * Undo puts back the structure before the edit; a cell that changed after the edit (typed in,
 * run) keeps its newer source and outputs, so undoing a move never loses later typing.
 */
import type { Cell } from '../../kernel/protocol/notebook';
import { withCells, type HistoryEntry, type NotebookDoc } from './documentModel';

/** How many structural edits can be undone; older ones are forgotten. */
export const HISTORY_LIMIT = 100;

/** The part of a cell list that undo tracks: which cells, in which order, of which kind. */
function sameStructure(a: Cell[], b: Cell[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    if (x === y) return true;
    if (x.id !== y.id || x.type !== y.type) return false;
    return x.type !== 'code' || y.type !== 'code' || x.language === y.language;
  });
}

/**
 * `next` is `prev` after one edit. A structural edit is recorded (and clears what could be
 * redone); any other edit passes through with the history as it was.
 */
export function recordEdit(
  prev: NotebookDoc,
  next: NotebookDoc,
  selectedBefore: string | null,
  selectedAfter: string | null,
  /** Record a text-only edit too (Replace all across cells), which no editor's own undo can take back. */
  force = false,
): NotebookDoc {
  if (next === prev || (!force && sameStructure(prev.model.cells, next.model.cells))) return next;
  const entry: HistoryEntry = { before: prev.model.cells, after: next.model.cells, selectedBefore, selectedAfter };
  return { ...next, undo: [...prev.undo, entry].slice(-HISTORY_LIMIT), redo: [] };
}

/**
 * The cells of `target` in its order, each as it is in `target` unless it changed in `current`
 * since the edit left it as it is in `other`: then the newer source and run are kept.
 */
function restore(target: Cell[], other: Cell[], current: Cell[]): Cell[] {
  const now = new Map(current.map((c) => [c.id, c]));
  const then = new Map(other.map((c) => [c.id, c]));
  return target.map((t) => {
    const c = now.get(t.id);
    const o = then.get(t.id);
    if (!c || !o || c === o) return t;
    // The edit did not touch this cell (a move, say): what it is now is what it should be.
    if (t === o) return c;
    let out: Cell = c.source !== o.source ? { ...t, source: c.source } : t;
    if (out.type === 'code' && c.type === 'code' && o.type === 'code' && c.outputs !== o.outputs) {
      out = { ...out, outputs: c.outputs, executionCount: c.executionCount, elapsedMs: c.elapsedMs };
      if (out.elapsedMs === undefined) delete out.elapsedMs;
    }
    return out;
  });
}

export interface Step {
  doc: NotebookDoc;
  /** The cell to select afterwards, or null when there was nothing to undo or redo. */
  select: string | null;
  /** False when there was nothing to undo or redo. */
  changed: boolean;
}

function pick(cells: Cell[], wanted: string | null): string | null {
  if (wanted && cells.some((c) => c.id === wanted)) return wanted;
  return cells[0]?.id ?? null;
}

export function undo(doc: NotebookDoc, selected: string | null): Step {
  const entry = doc.undo[doc.undo.length - 1];
  if (!entry) return { doc, select: selected, changed: false };
  const cells = restore(entry.before, entry.after, doc.model.cells);
  const redoEntry: HistoryEntry = { before: cells, after: doc.model.cells, selectedBefore: entry.selectedBefore, selectedAfter: selected };
  const next = { ...withCells(doc, cells), undo: doc.undo.slice(0, -1), redo: [...doc.redo, redoEntry] };
  return { doc: next, select: pick(cells, entry.selectedBefore), changed: true };
}

export function redo(doc: NotebookDoc, selected: string | null): Step {
  const entry = doc.redo[doc.redo.length - 1];
  if (!entry) return { doc, select: selected, changed: false };
  const cells = restore(entry.after, entry.before, doc.model.cells);
  const undoEntry: HistoryEntry = { before: doc.model.cells, after: cells, selectedBefore: selected, selectedAfter: entry.selectedAfter };
  const next = { ...withCells(doc, cells), undo: [...doc.undo, undoEntry].slice(-HISTORY_LIMIT), redo: doc.redo.slice(0, -1) };
  return { doc: next, select: pick(cells, entry.selectedAfter), changed: true };
}
