/**
 * The notebook document as the UI edits it: pure functions over an immutable value, so every edit is
 * a new object (React re-renders by identity) and deletions can be undone.
 */
import type { Cell, CodeLanguage, NotebookModel } from '../../kernel/protocol/notebook';

/** One structural edit: the cells before and after it (shared by reference, so cheap to keep). */
export interface HistoryEntry {
  before: Cell[];
  after: Cell[];
  /** The selected cell before and after the edit, to put the selection back on undo and redo. */
  selectedBefore: string | null;
  selectedAfter: string | null;
}

export interface NotebookDoc {
  model: NotebookModel;
  /** Structural edits that Z / Ctrl+Z can undo, most recent last (see documentHistory.ts). */
  undo: HistoryEntry[];
  /** Undone edits that Shift+Z can redo, most recent last. */
  redo: HistoryEntry[];
}

let idCounter = 0;

/** A cell id unique within this page; ids from files are kept as they are. */
export function newCellId(): string {
  idCounter += 1;
  const rand = Math.random().toString(36).slice(2, 8);
  return `c${Date.now().toString(36)}${idCounter.toString(36)}${rand}`;
}

export function newCell(type: 'code' | 'markdown', language: CodeLanguage = 'sql'): Cell {
  return type === 'code'
    ? { id: newCellId(), type: 'code', language, source: '', outputs: [], executionCount: null }
    : { id: newCellId(), type: 'markdown', source: '' };
}

export function fromModel(model: NotebookModel): NotebookDoc {
  return { model, undo: [], redo: [] };
}

export function indexOfCell(doc: NotebookDoc, id: string): number {
  return doc.model.cells.findIndex((c) => c.id === id);
}

export function withCells(doc: NotebookDoc, cells: Cell[]): NotebookDoc {
  return { ...doc, model: { ...doc.model, cells } };
}

export function insertCell(doc: NotebookDoc, index: number, cell: Cell): NotebookDoc {
  const at = Math.max(0, Math.min(index, doc.model.cells.length));
  const cells = [...doc.model.cells];
  cells.splice(at, 0, cell);
  return withCells(doc, cells);
}

export function deleteCell(doc: NotebookDoc, id: string): NotebookDoc {
  return deleteCells(doc, [id]);
}

export function deleteCells(doc: NotebookDoc, ids: string[]): NotebookDoc {
  const gone = new Set(ids);
  const cells = doc.model.cells.filter((c) => !gone.has(c.id));
  return cells.length === doc.model.cells.length ? doc : withCells(doc, cells);
}

export function moveCell(doc: NotebookDoc, id: string, delta: number): NotebookDoc {
  const from = indexOfCell(doc, id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= doc.model.cells.length) return doc;
  const cells = [...doc.model.cells];
  const [cell] = cells.splice(from, 1);
  cells.splice(to, 0, cell);
  return withCells(doc, cells);
}

/**
 * Moves a cell so that it lands before the cell now at `index` (an index of the list before the
 * move; `cells.length` puts it last): what a drop between two cells means.
 */
export function moveCellTo(doc: NotebookDoc, id: string, index: number): NotebookDoc {
  const from = indexOfCell(doc, id);
  if (from < 0) return doc;
  const to = Math.max(0, Math.min(index, doc.model.cells.length)) - (index > from ? 1 : 0);
  return to === from ? doc : moveCell(doc, id, to - from);
}

/** Copies of cells with new ids, for paste: the same cells pasted twice must not share ids. */
export function withNewIds(cells: Cell[]): Cell[] {
  return cells.map((c) => ({ ...c, id: newCellId() }));
}

/** Inserts several cells at one position, in order (one edit, so one undo). */
export function insertCells(doc: NotebookDoc, index: number, added: Cell[]): NotebookDoc {
  if (added.length === 0) return doc;
  const at = Math.max(0, Math.min(index, doc.model.cells.length));
  const cells = [...doc.model.cells];
  cells.splice(at, 0, ...added);
  return withCells(doc, cells);
}

/** A cell with another source; a code cell's run (outputs, count, timing) goes with the old source. */
function withNewSource(c: Cell, source: string): Cell {
  if (c.type !== 'code') return { ...c, source };
  const { elapsedMs: _gone, ...rest } = c;
  return { ...rest, source, outputs: [], executionCount: null };
}

/**
 * Merges the given cells (in document order) into the first of them: sources joined by a newline,
 * the first cell's type and id kept. A code cell's outputs are dropped, as they no longer belong to
 * its source. Fewer than two cells: nothing to merge.
 */
export function mergeCells(doc: NotebookDoc, ids: string[]): NotebookDoc {
  const wanted = new Set(ids);
  const merged = doc.model.cells.filter((c) => wanted.has(c.id));
  if (merged.length < 2) return doc;
  const [first, ...rest] = merged;
  const source = merged.map((c) => c.source).join('\n');
  const head = withNewSource(first, source);
  const gone = new Set(rest.map((c) => c.id));
  const cells = doc.model.cells.filter((c) => !gone.has(c.id)).map((c) => (c.id === first.id ? head : c));
  return withCells(doc, cells);
}

/**
 * Splits a cell at a character offset of its source into two cells of the same kind: the first
 * keeps the id, the second gets a new one. One newline at the cut is dropped (merge adds one), and
 * a code cell's outputs go, as after a merge. Returns the new cell's id.
 */
export function splitCell(doc: NotebookDoc, id: string, offset: number, newId = newCellId()): { doc: NotebookDoc; newId: string | null } {
  const index = indexOfCell(doc, id);
  if (index < 0) return { doc, newId: null };
  const cell = doc.model.cells[index];
  const at = Math.max(0, Math.min(offset, cell.source.length));
  let head = cell.source.slice(0, at);
  let tail = cell.source.slice(at);
  if (head.endsWith('\n')) head = head.slice(0, -1);
  else if (tail.startsWith('\n')) tail = tail.slice(1);
  const second: Cell = { ...withNewSource(cell, tail), id: newId };
  const cells = [...doc.model.cells];
  cells.splice(index, 1, withNewSource(cell, head), second);
  return { doc: withCells(doc, cells), newId: second.id };
}

export function updateCell(doc: NotebookDoc, id: string, update: (cell: Cell) => Cell): NotebookDoc {
  const index = indexOfCell(doc, id);
  if (index < 0) return doc;
  const next = update(doc.model.cells[index]);
  if (next === doc.model.cells[index]) return doc;
  const cells = [...doc.model.cells];
  cells[index] = next;
  return withCells(doc, cells);
}

export function setSource(doc: NotebookDoc, id: string, source: string): NotebookDoc {
  return updateCell(doc, id, (c) => (c.source === source ? c : { ...c, source }));
}

/** Switches between code and markdown keeping the source; outputs go, as in Jupyter. */
export function setCellType(doc: NotebookDoc, id: string, type: 'code' | 'markdown', language: CodeLanguage = 'sql'): NotebookDoc {
  return updateCell(doc, id, (c) => {
    if (c.type === type) return c;
    const base = { id: c.id, source: c.source, ...(c.extraMetadata ? { extraMetadata: c.extraMetadata } : {}) };
    const tags = c.type !== 'raw' && c.tags ? { tags: c.tags } : {};
    return type === 'code'
      ? { ...base, ...tags, type: 'code', language, outputs: [], executionCount: null }
      : { ...base, ...tags, type: 'markdown' };
  });
}

/** SQL ⇄ TypeScript for a code cell; no-op for other cells. */
export function toggleLanguage(doc: NotebookDoc, id: string): NotebookDoc {
  return updateCell(doc, id, (c) => (c.type === 'code' ? { ...c, language: c.language === 'sql' ? 'typescript' : 'sql' } : c));
}
