/** How a grid reads a page of a result: from the session the window has now (a restart replaces it). */
import { useCallback, type MutableRefObject } from 'react';
import type { KernelClient } from '../kernel-client/KernelClient';
import type { FetchPage } from './Grid';

export function useFetchPage(client: KernelClient, sessionId: MutableRefObject<string | null>): FetchPage {
  return useCallback(
    (handle, offset, limit) => {
      const id = sessionId.current;
      if (!id) return Promise.reject(new Error('no session'));
      return client.request('result.page', { sessionId: id, handle, offset, limit }).then((r) => r.rows);
    },
    [client, sessionId],
  );
}
