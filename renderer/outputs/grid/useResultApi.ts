/**
 * The result requests a grid makes beyond paging, bound to this notebook's current session. Null
 * outside a notebook (a grid with nowhere to ask), where the grid shows its rows without sorting.
 */
import { useContext, useMemo } from 'react';
import { SiltError } from '../../../common/SiltError';
import type { ColumnFilter, SortKey } from '../../../kernel/protocol/results';
import type { KernelClient } from '../../kernel-client/KernelClient';
import { NotebookContext } from '../../notebook/NotebookContext';

export function resultApi(client: KernelClient, sessionId: () => string | null) {
  const session = () => {
    const id = sessionId();
    if (!id) throw new SiltError('session-gone', 'The notebook has no session; run a cell to start one.');
    return id;
  };
  return {
    view: (handle: string, sort: SortKey[], filters: ColumnFilter[]) =>
      client.request('result.view', { sessionId: session(), handle, sort, filters }),
    topValues: (handle: string, column: string) => client.request('result.topValues', { sessionId: session(), handle, column }),
    profile: (handle: string) => client.request('result.profile', { sessionId: session(), handle }),
    /** Fires on every session status change of this notebook's session (a restart, its end). */
    onSessionStatus: (cb: (status: string) => void) =>
      client.onEvent((e) => {
        if (e.type === 'session.status' && e.sessionId === sessionId()) cb(e.status);
      }),
    /** Fires when later SQL changed or dropped the table of a result (`why` says how, for the grid). */
    onResultChanged: (cb: (handle: string, why: string) => void) =>
      client.onEvent((e) => {
        if (e.type === 'result.changed' && e.sessionId === sessionId()) cb(e.handle, e.message);
      }),
  };
}

export type ResultApi = ReturnType<typeof resultApi>;

export function useResultApi(): ResultApi | null {
  const actions = useContext(NotebookContext);
  return useMemo(() => (actions ? resultApi(actions.client, actions.sessionId) : null), [actions]);
}

/** Whether an error says the session no longer holds the result (restarted, ended, or never had it). */
export function isGoneError(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'not-found' || code === 'session-gone';
}
