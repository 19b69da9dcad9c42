/** Inserts cells below a given (or the selected) cell, then runs them in order or leaves the first one focused. */
import { useCallback, useEffect, useState } from 'react';
import { insertCell, newCell } from './documentModel';
import type { NewCell } from './NotebookContext';
import type { DocumentApi } from './useDocument';

export function useInsertCells(docApi: DocumentApi, runMany: (cellIds: string[]) => unknown) {
  // The runner reads the committed document, so the run waits for the render that adds the cells.
  const [pendingRun, setPendingRun] = useState<string[] | null>(null);
  const cells = docApi.state.doc.model.cells;

  useEffect(() => {
    if (!pendingRun || !pendingRun.every((id) => cells.some((c) => c.id === id))) return;
    setPendingRun(null);
    void runMany(pendingRun);
  }, [pendingRun, cells, runMany]);

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
      docApi.edit((d) => made.reduce((acc, cell, k) => insertCell(acc, at + k, cell), d), { id: made[0].id, mode: andRun ? 'command' : 'edit' });
      const code = made.filter((c) => c.type === 'code').map((c) => c.id);
      if (andRun && code.length) setPendingRun(code);
    },
    [docApi],
  );
}
