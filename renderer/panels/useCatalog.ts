/** The open profiles' tree (`catalog.tree`), reloaded for each new session and on demand. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CatalogProfile } from '../../kernel/protocol/messages';
import type { KernelClient } from '../kernel-client/KernelClient';

export interface CatalogState {
  profiles: CatalogProfile[];
  loading: boolean;
  error: string | null;
}

export function useCatalog(client: KernelClient, sessionId: string | null) {
  const [state, setState] = useState<CatalogState>({ profiles: [], loading: false, error: null });
  // Only the latest request may update the tree; an older, slower one must not overwrite it.
  const generation = useRef(0);

  const refresh = useCallback(() => {
    if (!sessionId) return;
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    client.request('catalog.tree', { sessionId }).then(
      (r) => mine === generation.current && setState({ profiles: r.profiles, loading: false, error: null }),
      (e: Error) => mine === generation.current && setState((s) => ({ ...s, loading: false, error: e.message })),
    );
  }, [client, sessionId]);

  useEffect(refresh, [refresh]);

  return { ...state, refresh };
}
