import { describe, expect, it } from 'vitest';
import type { CodeCell, NotebookModel } from '../../../kernel/protocol/notebook';
import {
  deleteCell,
  deleteCells,
  fromModel,
  insertCell,
  insertCells,
  mergeCells,
  moveCell,
  moveCellTo,
  newCell,
  setCellType,
  setSource,
  splitCell,
  toggleLanguage,
  withNewIds,
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

  it('deletes one or several cells and leaves the document alone when none is there', () => {
    const doc = fromModel(model);
    expect(ids(deleteCell(doc, 'b'))).toEqual(['a', 'c']);
    expect(ids(deleteCells(doc, ['a', 'c']))).toEqual(['b']);
    expect(deleteCells(doc, ['zz'])).toBe(doc);
  });

  it('pastes copies with new ids, so the same cells pasted twice stay distinct', () => {
    const doc = fromModel(model);
    const once = withNewIds([doc.model.cells[0], doc.model.cells[1]]);
    const twice = withNewIds([doc.model.cells[0], doc.model.cells[1]]);
    const pasted = insertCells(insertCells(doc, 3, once), 1, twice);
    expect(pasted.model.cells.map((c) => c.source)).toEqual([
      'SELECT 1',
      'SELECT 1',
      'SELECT 2',
      'SELECT 2',
      'SELECT 3',
      'SELECT 1',
      'SELECT 2',
    ]);
    expect(new Set(ids(pasted)).size).toBe(7);
    expect(insertCells(doc, 1, [])).toBe(doc);
  });

  it('merges cells in document order into the first, joining sources by a newline and dropping code outputs', () => {
    const ran = {
      ...code('a', 'SELECT 1'),
      outputs: [{ kind: 'stream', name: 'stdout', text: 'x' }],
      executionCount: 4,
      elapsedMs: 12,
    } as CodeCell;
    const doc = fromModel({ ...model, cells: [ran, code('b', 'FROM t'), code('c', 'SELECT 3')] });
    const merged = mergeCells(doc, ['b', 'a']);
    expect(ids(merged)).toEqual(['a', 'c']);
    expect(merged.model.cells[0]).toEqual({ ...code('a', 'SELECT 1\nFROM t'), executionCount: null });
    expect(mergeCells(doc, ['a'])).toBe(doc);
    const md = fromModel({ ...model, cells: [{ id: 'm', type: 'markdown', source: '# A' }, code('b', 'x')] });
    expect(mergeCells(md, ['m', 'b']).model.cells).toEqual([{ id: 'm', type: 'markdown', source: '# A\nx' }]);
  });

  it('splits a cell at an offset, dropping the newline at the cut; merge then split gives the cells back', () => {
    const doc = fromModel({ ...model, cells: [code('a', 'SELECT 1;\nSELECT 2;'), code('b', 'x')] });
    const { doc: split, newId } = splitCell(doc, 'a', 'SELECT 1;\n'.length);
    expect(split.model.cells.map((c) => c.source)).toEqual(['SELECT 1;', 'SELECT 2;', 'x']);
    expect(ids(split)).toEqual(['a', newId, 'b']);
    expect(split.model.cells[1]).toMatchObject({ type: 'code', language: 'sql', outputs: [], executionCount: null });
    const again = mergeCells(split, ['a', newId!]);
    expect(again.model.cells.map((c) => c.source)).toEqual(['SELECT 1;\nSELECT 2;', 'x']);
    expect(splitCell(doc, 'a', 0).doc.model.cells.map((c) => c.source)).toEqual(['', 'SELECT 1;\nSELECT 2;', 'x']);
    expect(splitCell(doc, 'zz', 3).newId).toBeNull();
  });

  it('moves a cell to a drop position between cells', () => {
    const doc = fromModel(model);
    expect(ids(moveCellTo(doc, 'a', 3))).toEqual(['b', 'c', 'a']);
    expect(ids(moveCellTo(doc, 'a', 2))).toEqual(['b', 'a', 'c']);
    expect(ids(moveCellTo(doc, 'c', 0))).toEqual(['c', 'a', 'b']);
    expect(moveCellTo(doc, 'b', 1)).toBe(doc);
    expect(moveCellTo(doc, 'b', 2)).toBe(doc);
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
