/**
 * The session of the open notebook: opened by key, re-attached after a reconnect (the host sends
 * events only to connections that opened the session), status from `session.status` events. When the
 * notebook is replaced (New, Open) or the page goes away, the window closes the session so its process
 * can end. A session that ended (idle time, crash) stays ended until the user runs a cell or asks for
 * a new one: the badge never claims a session that is gone.
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
  const statusRef = useRef<SessionStatus>(state.status);
  statusRef.current = state.status;

  const update = useCallback((fn: (s: SessionState) => SessionState) => {
    setState((s) => {
      const next = fn(s);
      statusRef.current = next.status;
      return next;
    });
  }, []);

  /** The key whose session this window uses now; an answer for an older key is not this notebook's. */
  const keyRef = useRef(key);
  keyRef.current = key;

  /**
   * The open or re-attach under way. A cell run right after a reconnect waits for it: the id it would
   * otherwise take is the one the restarted host has never heard of.
   */
  const opening = useRef<Promise<string | null> | null>(null);

  /** Opens (or re-attaches to) the key's session; with `resume`, only the session this window had. */
  const open = useCallback(
    (k: string, resume?: string): Promise<string | null> => {
      const attempt = (async () => {
        // The refs change now, not when React applies the update: `ensure` reads them in between.
        statusRef.current = 'starting';
        update((s) => ({ ...s, status: 'starting', message: null }));
        try {
          const { sessionId } = await client.request('session.open', { key: k, ...(resume ? { resume } : {}) });
          if (keyRef.current !== k) return sessionId;
          idRef.current = sessionId;
          // A fresh session reports its own status; until it does, assume it is ready.
          update((s) => {
            const known = s.sessionId === sessionId && s.status !== 'starting';
            return { sessionId, status: known ? s.status : 'idle', message: null };
          });
          return sessionId;
        } catch (e) {
          if (keyRef.current === k) {
            statusRef.current = 'dead';
            update((s) => ({ ...s, status: 'dead', message: (e as Error).message }));
          }
          return null;
        }
      })();
      opening.current = attempt;
      void attempt.finally(() => {
        if (opening.current === attempt) opening.current = null;
      });
      return attempt;
    },
    [client, update],
  );

  const close = useCallback((sessionId: string) => void client.request('session.close', { sessionId }).catch(() => undefined), [client]);

  useEffect(() => {
    if (key === null) return;
    let disposed = false;
    idRef.current = null;
    setState({ sessionId: null, status: 'starting', message: null });
    void open(key).then((id) => {
      // The notebook was replaced while its session was still opening.
      if (disposed && id && id !== idRef.current) close(id);
    });
    let wasClosed = false;
    const offStatus = client.onStatus((s) => {
      if (s === 'closed') wasClosed = true;
      if (s === 'open' && wasClosed) {
        wasClosed = false;
        // Back after a dropped link: the same session if it still runs, else the reason it ended.
        const had = idRef.current;
        if (statusRef.current !== 'dead') void open(key, had ?? undefined);
      }
    });
    const offEvent = client.onEvent((e) => {
      if (e.type === 'session.status' && e.sessionId === idRef.current) {
        update((s) => ({ ...s, status: e.status, message: e.message ?? null }));
      }
    });
    // Closing the tab or window: best effort, the idle time ends the session if this never arrives.
    const onPageHide = () => {
      if (idRef.current) close(idRef.current);
    };
    window.addEventListener('pagehide', onPageHide);
    return () => {
      disposed = true;
      offStatus();
      offEvent();
      window.removeEventListener('pagehide', onPageHide);
      if (idRef.current) close(idRef.current);
    };
  }, [client, key, open, close, update]);

  const restart = useCallback(async () => {
    const id = idRef.current;
    // An ended session cannot be restarted; the notebook gets a new one.
    if (statusRef.current === 'dead' && keyRef.current !== null) return void (await open(keyRef.current));
    if (!id) return;
    update((s) => ({ ...s, status: 'restarting' }));
    try {
      const { sessionId } = await client.request('session.restart', { sessionId: id });
      idRef.current = sessionId;
      update(() => ({ sessionId, status: 'idle', message: null }));
    } catch (e) {
      update((s) => ({ ...s, status: 'dead', message: (e as Error).message }));
    }
  }, [client, update, open]);

  /** After the session died or ended: the host starts a new one for the same key. */
  const startNew = useCallback(async () => {
    if (key !== null) await open(key);
  }, [key, open]);

  /** The session to run in: the current one, or a new one when it has ended ("run a cell to start a new one"). */
  const ensure = useCallback(async (): Promise<string | null> => {
    // A re-attach after a reconnect either keeps the session or says it ended; wait to know which.
    while (opening.current) await opening.current;
    if (idRef.current && statusRef.current !== 'dead') return idRef.current;
    return key === null ? null : open(key);
  }, [key, open]);

  /** The host said the session is gone (a run found it unknown): say so, and the next run starts a new one. */
  const ended = useCallback(
    (message: string) => {
      statusRef.current = 'dead';
      update((s) => ({ ...s, status: 'dead', message }));
    },
    [update],
  );

  return { ...state, idRef, restart, startNew, ensure, ended };
}

export type SessionApi = ReturnType<typeof useSession>;
