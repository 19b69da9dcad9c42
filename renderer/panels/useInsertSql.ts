/** Inserts a SQL cell below the selected cell, then runs it or leaves it focused for editing. */
import { useCallback, useEffect, useState } from 'react';
import { insertCell, newCell } from '../notebook/documentModel';
import type { DocumentApi } from '../notebook/useDocument';

export function useInsertSql(docApi: DocumentApi, run: (cellId: string) => unknown) {
  // The runner reads the committed document, so the run waits for the render that adds the cell.
  const [pendingRun, setPendingRun] = useState<string | null>(null);
  const cells = docApi.state.doc.model.cells;

  useEffect(() => {
    if (!pendingRun || !cells.some((c) => c.id === pendingRun)) return;
    setPendingRun(null);
    void run(pendingRun);
  }, [pendingRun, cells, run]);

  return useCallback(
    (source: string, andRun: boolean) => {
      const { doc, selectedId } = docApi.latest.current;
      const i = doc.model.cells.findIndex((c) => c.id === selectedId);
      const at = i >= 0 ? i + 1 : doc.model.cells.length;
      const cell = { ...newCell('code', 'sql'), source };
      docApi.edit((d) => insertCell(d, at, cell), { id: cell.id, mode: andRun ? 'command' : 'edit' });
      if (andRun) setPendingRun(cell.id);
    },
    [docApi],
  );
}
