/** Inserts cells below a given (or the selected) cell, then runs them in order or leaves the first one focused. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { insertCell, newCell } from './documentModel';
import type { NewCell } from './NotebookContext';
import type { DocumentApi } from './useDocument';

export function useInsertCells(docApi: DocumentApi, runMany: (cellIds: string[]) => unknown) {
  // The runner reads the committed document, so the run waits for the render that adds the cells.
  // The ids live in a ref, cleared the moment they are taken: a state update would not be seen by a
  // render of higher priority (the document store's) that the run itself causes, and the same cells
  // would run again and again.
  const pendingRun = useRef<string[] | null>(null);
  const [asked, setAsked] = useState(0);
  const cells = docApi.state.doc.model.cells;

  useEffect(() => {
    const ids = pendingRun.current;
    if (!ids || !ids.every((id) => cells.some((c) => c.id === id))) return;
    pendingRun.current = null;
    void runMany(ids);
  }, [asked, cells, runMany]);

  return useCallback(
    (afterCellId: string | null, specs: NewCell[], andRun: boolean) => {
      if (specs.length === 0) return;
      const { doc, selectedId } = docApi.latest.current;
      const i = doc.model.cells.findIndex((c) => c.id === (afterCellId ?? selectedId));
      const at = i >= 0 ? i + 1 : doc.model.cells.length;
      const made = specs.map((s) => {
        const base = newCell(s.type, s.language ?? 'sql');
        return { ...base, source: s.source, ...(s.name && base.type === 'code' ? { name: s.name } : {}) };
      });
      docApi.edit((d) => made.reduce((acc, cell, k) => insertCell(acc, at + k, cell), d), {
        id: made[0].id,
        // A query to finish opens for typing; inserted prose (AutoML's notebook starts with its heading)
        // is shown rendered, not as raw markdown with its editor open.
        mode: andRun || made[0].type !== 'code' ? 'command' : 'edit',
      });
      const code = made.filter((c) => c.type === 'code').map((c) => c.id);
      if (andRun && code.length) {
        pendingRun.current = code;
        setAsked((n) => n + 1);
      }
    },
    [docApi],
  );
}
