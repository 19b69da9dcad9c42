/**
 * The open profiles' tree (`catalog.tree`), reloaded for each new session and on demand, and on its
 * own while a profile's server was out of reach: a server that comes back (a laptop's VPN, a restarted
 * server) shows its tables without ↻, and the tree says when it tries next.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CatalogProfile } from '../../kernel/protocol/messages';
import type { KernelClient } from '../kernel-client/KernelClient';

export interface CatalogState {
  profiles: CatalogProfile[];
  loading: boolean;
  error: string | null;
  /** When the tree reloads on its own, because a profile's server was unreachable; null when it will not. */
  retryAt: Date | null;
}

/** Waits between reloads while a server stays out of reach: soon at first, then no more than once a minute. */
const RETRY_MS = [5_000, 10_000, 20_000, 40_000, 60_000];

export function useCatalog(client: KernelClient, sessionId: string | null) {
  const [state, setState] = useState<CatalogState>({ profiles: [], loading: false, error: null, retryAt: null });
  // Only the latest request may update the tree; an older, slower one must not overwrite it.
  const generation = useRef(0);
  // How many reloads in a row found a server unreachable (the back-off step).
  const misses = useRef(0);

  const refresh = useCallback(() => {
    if (!sessionId) return;
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true, error: null, retryAt: null }));
    client.request('catalog.tree', { sessionId }).then(
      (r) => {
        if (mine !== generation.current) return;
        const away = r.profiles.some((p) => p.errorCode === 'unavailable');
        misses.current = away ? misses.current + 1 : 0;
        const wait = RETRY_MS[Math.min(misses.current, RETRY_MS.length) - 1];
        setState({ profiles: r.profiles, loading: false, error: null, retryAt: away ? new Date(Date.now() + wait) : null });
      },
      (e: Error) => mine === generation.current && setState((s) => ({ ...s, loading: false, error: e.message })),
    );
  }, [client, sessionId]);

  useEffect(refresh, [refresh]);

  // The panel is mounted only while the catalog is open, so a closed catalog asks no server.
  useEffect(() => {
    if (!state.retryAt) return;
    const timer = setTimeout(refresh, Math.max(0, state.retryAt.getTime() - Date.now()));
    return () => clearTimeout(timer);
  }, [state.retryAt, refresh]);

  return { ...state, refresh };
}
