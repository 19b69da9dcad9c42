/**
 * Names an unnamed SQL cell's result (`result_1`, `result_2`, …) in the cell and in the session, so
 * code that reads it (an inserted chart) keeps working after a restart or in Run all.
 */
import { useCallback, type MutableRefObject } from 'react';
import type { KernelClient } from '../kernel-client/KernelClient';
import { updateCell } from './documentModel';
import type { DocumentApi } from './useDocument';

export function useNameResult(client: KernelClient, sessionId: MutableRefObject<string | null>, docApi: DocumentApi) {
  const { latest, edit } = docApi;
  return useCallback(
    async (cellId: string, handle: string): Promise<string | null> => {
      const cells = latest.current.doc.model.cells;
      const cell = cells.find((c) => c.id === cellId);
      if (!cell || cell.type !== 'code' || cell.language !== 'sql') return null;
      if (cell.name?.trim()) return cell.name.trim();
      const id = sessionId.current;
      if (!id) throw new Error('The notebook has no running session.');
      // Not a name another cell gives its result, nor a table or variable the session already has.
      const taken = new Set(
        (await client.request('session.names', { sessionId: id })).names
          .filter((n) => n.kind !== 'column')
          .map((n) => n.name.toLowerCase()),
      );
      for (const c of cells) if (c.type === 'code' && c.name?.trim()) taken.add(c.name.trim().toLowerCase());
      let n = 1;
      while (taken.has(`result_${n}`)) n++;
      const { name } = await client.request('result.name', { sessionId: id, handle, name: `result_${n}` });
      edit((d) => updateCell(d, cellId, (c) => (c.type === 'code' ? { ...c, name } : c)));
      return name;
    },
    [client, sessionId, latest, edit],
  );
}
