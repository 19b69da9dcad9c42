/**
 * The session of the open notebook: opened by key, re-attached after a reconnect (the host sends
 * events only to connections that opened the session), status from `session.status` events.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionStatus } from '../../kernel/protocol/messages';
import type { KernelClient } from './KernelClient';

export interface SessionState {
  sessionId: string | null;
  status: SessionStatus;
  message: string | null;
}

export function useSession(client: KernelClient, key: string | null) {
  const [state, setState] = useState<SessionState>({ sessionId: null, status: 'starting', message: null });
  const idRef = useRef<string | null>(null);
  idRef.current = state.sessionId;

  const open = useCallback(
    async (k: string) => {
      setState((s) => ({ ...s, status: 'starting', message: null }));
      try {
        const { sessionId } = await client.request('session.open', { key: k });
        idRef.current = sessionId;
        // A fresh session reports its own status; until it does, assume it is ready.
        setState((s) => ({ sessionId, status: s.sessionId === sessionId && s.status !== 'starting' ? s.status : 'idle', message: null }));
      } catch (e) {
        setState((s) => ({ ...s, status: 'dead', message: (e as Error).message }));
      }
    },
    [client],
  );

  useEffect(() => {
    if (key === null) return;
    idRef.current = null;
    setState({ sessionId: null, status: 'starting', message: null });
    void open(key);
    let wasClosed = false;
    const offStatus = client.onStatus((s) => {
      if (s === 'closed') wasClosed = true;
      if (s === 'open' && wasClosed) {
        wasClosed = false;
        void open(key);
      }
    });
    const offEvent = client.onEvent((e) => {
      if (e.type === 'session.status' && e.sessionId === idRef.current) {
        setState((s) => ({ ...s, status: e.status, message: e.message ?? null }));
      }
    });
    return () => {
      offStatus();
      offEvent();
    };
  }, [client, key, open]);

  const restart = useCallback(async () => {
    const id = idRef.current;
    if (!id) return;
    setState((s) => ({ ...s, status: 'restarting' }));
    try {
      const { sessionId } = await client.request('session.restart', { sessionId: id });
      idRef.current = sessionId;
      setState({ sessionId, status: 'idle', message: null });
    } catch (e) {
      setState((s) => ({ ...s, status: 'dead', message: (e as Error).message }));
    }
  }, [client]);

  /** After the session died: the host starts a new one for the same key. */
  const startNew = useCallback(() => (key === null ? Promise.resolve() : open(key)), [key, open]);

  return { ...state, idRef, restart, startNew };
}

export type SessionApi = ReturnType<typeof useSession>;
