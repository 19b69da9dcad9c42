/**
 * The open document, its selection and mode, and whether it has unsaved edits. A ref mirrors the
 * state so async flows (runs, saves) read the latest value rather than the one they started with.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { NotebookModel } from '../../kernel/protocol/notebook';
import { fromModel, newCell, type NotebookDoc } from './documentModel';
import type { Mode } from './keymap';

export interface DocumentState {
  doc: NotebookDoc;
  selectedId: string | null;
  mode: Mode;
  /** Bumped by every edit; the document is dirty while it differs from `savedVersion`. */
  version: number;
  savedVersion: number;
}

function initial(model: NotebookModel): DocumentState {
  const doc = fromModel(model.cells.length ? model : { ...model, cells: [newCell('code')] });
  return { doc, selectedId: doc.model.cells[0]?.id ?? null, mode: 'command', version: 0, savedVersion: 0 };
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

  /** An edit to the document (marks it dirty), optionally moving the selection. */
  const edit = useCallback(
    (fn: (doc: NotebookDoc) => NotebookDoc, select?: { id: string; mode?: Mode }) =>
      update((s) => {
        const doc = fn(s.doc);
        if (doc === s.doc && !select) return s;
        return {
          ...s,
          doc,
          version: doc === s.doc ? s.version : s.version + 1,
          selectedId: select ? select.id : s.selectedId,
          mode: select?.mode ?? s.mode,
        };
      }),
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
    (model: NotebookModel, dirty = false) => update(() => ({ ...initial(model), version: dirty ? 1 : 0 })),
    [update],
  );

  const markSaved = useCallback((version: number) => update((s) => ({ ...s, savedVersion: version })), [update]);

  // One object per document state: hooks that take the API as a dependency re-run on edits, not on
  // every render of the window (a new object each render fed a render → effect → state loop).
  return useMemo(() => ({ state, latest, edit, select, setMode, load, markSaved }), [state, edit, select, setMode, load, markSaved]);
}

export type DocumentApi = ReturnType<typeof useDocument>;
