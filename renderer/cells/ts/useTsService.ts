/** The TsService of the window's current session, asking with the document's cells as they are now. */
import { useMemo, type RefObject } from 'react';
import type { KernelClient } from '../../../kernel/protocol/KernelClient';
import type { Cell } from '../../../kernel/protocol/notebook';
import { cellsBefore, type TsService } from './TsService';

export function useTsService(client: KernelClient, sessionId: RefObject<string | null>, cells: RefObject<readonly Cell[]>): TsService {
  return useMemo(() => {
    const session = () => {
      const id = sessionId.current;
      if (!id) throw new Error('no session');
      return id;
    };
    return {
      diagnostics: async (cellId, code) =>
        (await client.request('ts.diagnostics', { sessionId: session(), cellId, code, before: cellsBefore(cells.current ?? [], cellId) }))
          .diagnostics,
      completions: (cellId, code, pos) =>
        client.request('ts.completions', { sessionId: session(), code, pos, before: cellsBefore(cells.current ?? [], cellId) }),
    };
  }, [client, sessionId, cells]);
}
