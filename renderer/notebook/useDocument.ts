/**
 * The open document, its selection and mode, and whether it has unsaved edits. A ref mirrors the
 * state so async flows (runs, saves) read the latest value rather than the one they started with.
 *
 * Two counters, because "what a save would write" and "what the person changed" differ: outputs
 * that a run or a live refresh writes go into the file with the next save, but they are not edits,
 * so they leave the document clean (no dirty dot, no "Save changes?" when leaving it).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { NotebookModel } from '../../kernel/protocol/notebook';
import { recordEdit, redo, undo } from './documentHistory';
import { fromModel, newCell, type NotebookDoc } from './documentModel';
import type { Mode } from './keymap';
import { sameEdits } from './sameEdits';

export interface DocumentState {
  doc: NotebookDoc;
  selectedId: string | null;
  mode: Mode;
  /** Bumped by every change, outputs included: the content differs from the file while it differs from `savedVersion`. */
  version: number;
  savedVersion: number;
  /** Bumped by edits only (not by outputs): the document may be dirty while it differs from `savedEdits`. */
  edits: number;
  savedEdits: number;
  /** The notebook as last saved or opened, or null when nothing on disk matches it (a restored recovery copy). */
  savedModel: NotebookModel | null;
}

/**
 * Unsaved edits: edited since the save, and different from what was saved. Undoing (or typing)
 * back to the saved notebook leaves it clean, so the dirty dot and "Save changes?" only appear
 * when leaving would really lose something.
 */
export function isDirty(s: DocumentState): boolean {
  return s.edits !== s.savedEdits && (s.savedModel === null || !sameEdits(s.doc.model, s.savedModel));
}

function initial(model: NotebookModel): DocumentState {
  const doc = fromModel(model.cells.length ? model : { ...model, cells: [newCell('code')] });
  return {
    doc,
    selectedId: doc.model.cells[0]?.id ?? null,
    mode: 'command',
    version: 0,
    savedVersion: 0,
    edits: 0,
    savedEdits: 0,
    savedModel: doc.model,
  };
}

export function useDocument() {
  const [state, setState] = useState<DocumentState>(() => initial({ cells: [], metadata: {} }));
  const latest = useRef(state);
  latest.current = state;

  const update = useCallback((fn: (s: DocumentState) => DocumentState) => {
    setState((s) => {
      const next = fn(s);
      latest.current = next;
      return next;
    });
  }, []);

  /**
   * An edit to the document (marks it dirty; structural ones can be undone, and so can any with
   * `undoable`), optionally moving the selection.
   */
  const edit = useCallback(
    (fn: (doc: NotebookDoc) => NotebookDoc, select?: { id: string; mode?: Mode }, opts: { undoable?: boolean } = {}) =>
      update((s) => {
        const changed = fn(s.doc);
        if (changed === s.doc && !select) return s;
        const selectedId = select ? select.id : s.selectedId;
        const doc = recordEdit(s.doc, changed, s.selectedId, selectedId, opts.undoable);
        const bump = doc === s.doc ? 0 : 1;
        return { ...s, doc, version: s.version + bump, edits: s.edits + bump, selectedId, mode: select?.mode ?? s.mode };
      }),
    [update],
  );

  /** Outputs written by a run: saved with the next save, but not an edit (the document stays clean). */
  const writeOutputs = useCallback(
    (fn: (doc: NotebookDoc) => NotebookDoc) =>
      update((s) => {
        const doc = fn(s.doc);
        return doc === s.doc ? s : { ...s, doc, version: s.version + 1 };
      }),
    [update],
  );

  /** Undoes (or redoes) the last structural edit; false when there was none. */
  const step = useCallback(
    (which: 'undo' | 'redo') => {
      const s = latest.current;
      const r = (which === 'undo' ? undo : redo)(s.doc, s.selectedId);
      if (!r.changed) return false;
      update((cur) => {
        // Recomputed on the current state: the check above only read it to answer synchronously.
        const again = (which === 'undo' ? undo : redo)(cur.doc, cur.selectedId);
        if (!again.changed) return cur;
        return { ...cur, doc: again.doc, version: cur.version + 1, edits: cur.edits + 1, selectedId: again.select, mode: 'command' };
      });
      return true;
    },
    [update],
  );

  const select = useCallback(
    (id: string | null, mode?: Mode) =>
      update((s) => (s.selectedId === id && (!mode || s.mode === mode) ? s : { ...s, selectedId: id, mode: mode ?? s.mode })),
    [update],
  );

  const setMode = useCallback((mode: Mode) => update((s) => (s.mode === mode ? s : { ...s, mode })), [update]);

  /** Replaces the whole document (open, new, restore); `dirty` for a restored recovery copy. */
  const load = useCallback(
    (model: NotebookModel, dirty = false) =>
      update(() => {
        const s = initial(model);
        return dirty ? { ...s, version: 1, edits: 1, savedModel: null } : s;
      }),
    [update],
  );

  /** What was written: the counters and notebook read when the save started (later changes stay unsaved). */
  const markSaved = useCallback(
    (saved: { version: number; edits: number; model: NotebookModel }) =>
      update((s) => ({ ...s, savedVersion: saved.version, savedEdits: saved.edits, savedModel: saved.model })),
    [update],
  );

  // One object per document state: hooks that take the API as a dependency re-run on edits, not on
  // every render of the window (a new object each render fed a render → effect → state loop).
  return useMemo(
    () => ({ state, latest, edit, writeOutputs, step, select, setMode, load, markSaved }),
    [state, edit, writeOutputs, step, select, setMode, load, markSaved],
  );
}

export type DocumentApi = ReturnType<typeof useDocument>;
