import { describe, expect, it } from 'vitest';
import type { CodeCell, NotebookModel } from '../../../kernel/protocol/notebook';
import {
  deleteCell,
  fromModel,
  insertCell,
  moveCell,
  newCell,
  setCellType,
  setSource,
  toggleLanguage,
  undoDelete,
  type NotebookDoc,
} from '../../../renderer/notebook/documentModel';

const code = (id: string, source: string): CodeCell => ({ id, type: 'code', language: 'sql', source, outputs: [], executionCount: null });
const model: NotebookModel = { cells: [code('a', 'SELECT 1'), code('b', 'SELECT 2'), code('c', 'SELECT 3')], metadata: { kept: true } };
const ids = (d: NotebookDoc) => d.model.cells.map((c) => c.id);

describe('document model', () => {
  it('inserts at a position and clamps out-of-range positions', () => {
    const doc = fromModel(model);
    expect(ids(insertCell(doc, 1, code('x', '')))).toEqual(['a', 'x', 'b', 'c']);
    expect(ids(insertCell(doc, 99, code('x', '')))).toEqual(['a', 'b', 'c', 'x']);
    expect(ids(insertCell(doc, -5, code('x', '')))).toEqual(['x', 'a', 'b', 'c']);
    expect(ids(doc)).toEqual(['a', 'b', 'c']);
  });

  it('undoes deletions in reverse order, each back at its old place with its content', () => {
    let doc = fromModel(model);
    doc = deleteCell(doc, 'b');
    doc = deleteCell(doc, 'a');
    expect(ids(doc)).toEqual(['c']);
    let r = undoDelete(doc);
    expect(r.restoredId).toBe('a');
    expect(ids(r.doc)).toEqual(['a', 'c']);
    r = undoDelete(r.doc);
    expect(r.restoredId).toBe('b');
    expect(ids(r.doc)).toEqual(['a', 'b', 'c']);
    expect(r.doc.model.cells[1].source).toBe('SELECT 2');
    const nothing = undoDelete(r.doc);
    expect(nothing.restoredId).toBeNull();
    expect(ids(nothing.doc)).toEqual(['a', 'b', 'c']);
  });

  it('moves a cell up and down but not past the ends', () => {
    const doc = fromModel(model);
    expect(ids(moveCell(doc, 'c', -1))).toEqual(['a', 'c', 'b']);
    expect(ids(moveCell(doc, 'a', 2))).toEqual(['b', 'c', 'a']);
    expect(moveCell(doc, 'a', -1)).toBe(doc);
    expect(moveCell(doc, 'c', 1)).toBe(doc);
  });

  it('switches a code cell to markdown and back, keeping the source and dropping outputs', () => {
    let doc = fromModel({
      ...model,
      cells: [{ ...code('a', '# Title'), outputs: [{ kind: 'stream', name: 'stdout', text: 'x' }], executionCount: 3 }],
    });
    doc = setCellType(doc, 'a', 'markdown');
    expect(doc.model.cells[0]).toEqual({ id: 'a', type: 'markdown', source: '# Title' });
    doc = setCellType(doc, 'a', 'code', 'typescript');
    expect(doc.model.cells[0]).toMatchObject({
      type: 'code',
      language: 'typescript',
      source: '# Title',
      outputs: [],
      executionCount: null,
    });
  });

  it('toggles SQL and TypeScript on code cells only', () => {
    let doc = fromModel({ ...model, cells: [code('a', ''), { id: 'm', type: 'markdown', source: 'hi' }] });
    doc = toggleLanguage(doc, 'a');
    expect((doc.model.cells[0] as CodeCell).language).toBe('typescript');
    doc = toggleLanguage(doc, 'a');
    expect((doc.model.cells[0] as CodeCell).language).toBe('sql');
    expect(toggleLanguage(doc, 'm')).toBe(doc);
  });

  it('edits create new documents and keep notebook metadata', () => {
    const doc = fromModel(model);
    const edited = setSource(doc, 'b', 'SELECT 22');
    expect(edited).not.toBe(doc);
    expect(edited.model.cells[1].source).toBe('SELECT 22');
    expect(doc.model.cells[1].source).toBe('SELECT 2');
    expect(edited.model.metadata).toEqual({ kept: true });
    expect(setSource(edited, 'b', 'SELECT 22')).toBe(edited);
  });

  it('gives new cells distinct ids', () => {
    const made = Array.from({ length: 200 }, () => newCell('code').id);
    expect(new Set(made).size).toBe(200);
  });
});
