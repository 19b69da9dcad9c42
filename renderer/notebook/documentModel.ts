/**
 * The notebook document as the UI edits it: pure functions over an immutable value, so every edit is
 * a new object (React re-renders by identity) and deletions can be undone.
 */
import type { Cell, CodeLanguage, NotebookModel } from '../../kernel/protocol/notebook';

export interface DeletedCell {
  cell: Cell;
  index: number;
}

export interface NotebookDoc {
  model: NotebookModel;
  /** Deleted cells, most recent last, for "Z" (undo cell deletion). */
  trash: DeletedCell[];
}

/** How many deletions "Z" can undo; older ones are forgotten. */
const TRASH_LIMIT = 50;

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
  return { model, trash: [] };
}

export function indexOfCell(doc: NotebookDoc, id: string): number {
  return doc.model.cells.findIndex((c) => c.id === id);
}

function withCells(doc: NotebookDoc, cells: Cell[], trash = doc.trash): NotebookDoc {
  return { model: { ...doc.model, cells }, trash };
}

export function insertCell(doc: NotebookDoc, index: number, cell: Cell): NotebookDoc {
  const at = Math.max(0, Math.min(index, doc.model.cells.length));
  const cells = [...doc.model.cells];
  cells.splice(at, 0, cell);
  return withCells(doc, cells);
}

export function deleteCell(doc: NotebookDoc, id: string): NotebookDoc {
  const index = indexOfCell(doc, id);
  if (index < 0) return doc;
  const cells = doc.model.cells.filter((c) => c.id !== id);
  const trash = [...doc.trash, { cell: doc.model.cells[index], index }].slice(-TRASH_LIMIT);
  return withCells(doc, cells, trash);
}

/** Puts the most recently deleted cell back where it was; returns its id, or null with nothing to undo. */
export function undoDelete(doc: NotebookDoc): { doc: NotebookDoc; restoredId: string | null } {
  const last = doc.trash[doc.trash.length - 1];
  if (!last) return { doc, restoredId: null };
  const restored = insertCell({ ...doc, trash: doc.trash.slice(0, -1) }, last.index, last.cell);
  return { doc: restored, restoredId: last.cell.id };
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
