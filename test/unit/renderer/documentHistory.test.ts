import { describe, expect, it } from 'vitest';
import type { Cell, CodeCell, NotebookModel } from '../../../kernel/protocol/notebook';
import { HISTORY_LIMIT, recordEdit, redo, undo } from '../../../renderer/notebook/documentHistory';
import {
  deleteCell,
  fromModel,
  insertCell,
  mergeCells,
  moveCell,
  setCellType,
  setSource,
  splitCell,
  toggleLanguage,
  updateCell,
  type NotebookDoc,
} from '../../../renderer/notebook/documentModel';

const code = (id: string, source: string): CodeCell => ({ id, type: 'code', language: 'sql', source, outputs: [], executionCount: null });
const ran = (id: string, source: string, text: string): CodeCell => ({
  ...code(id, source),
  outputs: [{ kind: 'stream', name: 'stdout', text }],
  executionCount: 1,
});
const model: NotebookModel = { cells: [ran('a', 'SELECT 1', 'one'), ran('b', 'SELECT 2', 'two'), code('c', 'SELECT 3')], metadata: {} };
const ids = (d: NotebookDoc) => d.model.cells.map((c) => c.id);
const sources = (d: NotebookDoc) => d.model.cells.map((c) => c.source);
/** One edit as the app applies it: the operation, then the history records it. */
const apply = (d: NotebookDoc, fn: (d: NotebookDoc) => NotebookDoc, sel: string | null = 'a') => recordEdit(d, fn(d), sel, sel);

describe('undo and redo of structural edits', () => {
  it('undoes a merge: both cells come back with their sources and outputs; redo merges again', () => {
    const doc = fromModel(model);
    const merged = apply(doc, (d) => mergeCells(d, ['a', 'b']));
    expect(sources(merged)).toEqual(['SELECT 1\nSELECT 2', 'SELECT 3']);
    const back = undo(merged, 'a');
    expect(back.changed).toBe(true);
    expect(back.doc.model.cells).toEqual(model.cells);
    expect(back.select).toBe('a');
    const again = redo(back.doc, 'a');
    expect(sources(again.doc)).toEqual(['SELECT 1\nSELECT 2', 'SELECT 3']);
    expect((again.doc.model.cells[0] as CodeCell).outputs).toEqual([]);
  });

  it('undoes delete, insert, split, move, type and language changes in reverse order, each back to the cells before it', () => {
    let doc = fromModel(model);
    const states: Cell[][] = [doc.model.cells];
    const ops: ((d: NotebookDoc) => NotebookDoc)[] = [
      (d) => deleteCell(d, 'b'),
      (d) => insertCell(d, 0, code('x', 'new')),
      (d) => splitCell(d, 'c', 'SELECT'.length).doc,
      (d) => moveCell(d, 'a', 1),
      (d) => setCellType(d, 'x', 'markdown'),
      (d) => toggleLanguage(d, 'a'),
    ];
    for (const op of ops) {
      doc = apply(doc, op);
      states.push(doc.model.cells);
    }
    expect(doc.undo).toHaveLength(ops.length);
    expect(sources(doc)).toEqual(['new', 'SELECT', 'SELECT 1', ' 3']);
    for (let i = ops.length - 1; i >= 0; i--) {
      doc = undo(doc, null).doc;
      expect(doc.model.cells).toEqual(states[i]);
    }
    expect(doc.model.cells).toEqual(model.cells);
    expect(undo(doc, null).changed).toBe(false);
    for (let i = 1; i <= ops.length; i++) {
      doc = redo(doc, null).doc;
      expect(doc.model.cells).toEqual(states[i]);
    }
  });

  it('keeps text typed and outputs produced after the edit when undoing it', () => {
    let doc = fromModel(model);
    doc = apply(doc, (d) => moveCell(d, 'c', -2));
    doc = recordEdit(doc, setSource(doc, 'c', 'SELECT 33'), 'c', 'c');
    doc = recordEdit(
      doc,
      updateCell(doc, 'a', (c) => ({ ...c, outputs: [{ kind: 'stream', name: 'stdout', text: 'again' }] }) as Cell),
      'c',
      'c',
    );
    expect(doc.undo).toHaveLength(1);
    const back = undo(doc, 'c').doc;
    expect(ids(back)).toEqual(['a', 'b', 'c']);
    expect(back.model.cells[2].source).toBe('SELECT 33');
    expect((back.model.cells[0] as CodeCell).outputs).toEqual([{ kind: 'stream', name: 'stdout', text: 'again' }]);
  });

  it('does not record text edits or output writes, and a new structural edit clears redo', () => {
    let doc = fromModel(model);
    doc = recordEdit(doc, setSource(doc, 'a', 'SELECT 11'), 'a', 'a');
    expect(doc.undo).toHaveLength(0);
    doc = apply(doc, (d) => deleteCell(d, 'c'));
    doc = undo(doc, 'a').doc;
    expect(doc.redo).toHaveLength(1);
    doc = apply(doc, (d) => deleteCell(d, 'b'));
    expect(doc.redo).toHaveLength(0);
    expect(redo(doc, 'a').changed).toBe(false);
  });

  it('records a text edit across cells when asked (Replace all), and its undo keeps a cell typed in since', () => {
    let doc = fromModel(model);
    const replaced = setSource(setSource(doc, 'a', 'SELECT 10'), 'b', 'SELECT 20');
    doc = recordEdit(doc, replaced, 'a', 'a', true);
    expect(doc.undo).toHaveLength(1);
    doc = setSource(doc, 'b', 'SELECT 20 -- typed after'); // typing is not recorded
    doc = undo(doc, 'a').doc;
    expect(sources(doc)).toEqual(['SELECT 1', 'SELECT 20 -- typed after', 'SELECT 3']);
    doc = redo(doc, 'a').doc;
    expect(sources(doc)[0]).toBe('SELECT 10');
  });

  it(`forgets edits beyond the last ${HISTORY_LIMIT}`, () => {
    let doc = fromModel({ cells: [code('a', '')], metadata: {} });
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) doc = apply(doc, (d) => insertCell(d, 0, code(`n${i}`, '')));
    expect(doc.undo).toHaveLength(HISTORY_LIMIT);
    while (doc.undo.length) doc = undo(doc, null).doc;
    expect(doc.model.cells).toHaveLength(21);
  });
});
