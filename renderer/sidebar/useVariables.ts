/**
 * The session's variables, asked again whenever the session settles (after runs, restarts, a new
 * session), and once when the panel opens while a cell runs: the session answers without waiting for
 * it (a TEMP table then shows its last measure, marked so), instead of the panel saying "Loading…" all run long.
 */
import { useEffect, useState } from 'react';
import type { VariableInfo } from '../../kernel/protocol/variables';
import type { SessionStatus } from '../../kernel/protocol/messages';
import type { KernelClient } from '../kernel-client/KernelClient';

export function useVariables(
  client: KernelClient,
  sessionId: string | null,
  status: SessionStatus,
  runningCount: number,
  enabled: boolean,
) {
  const [variables, setVariables] = useState<VariableInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled || !sessionId) return;
    const settled = runningCount === 0 && status === 'idle';
    if (!settled && !(variables === null && (status === 'idle' || status === 'busy'))) return;
    let live = true;
    client.request('session.variables', { sessionId }).then(
      (r) => {
        if (!live) return;
        setVariables(r.variables);
        setError(null);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
    // `variables` is read for the first load only: an answer must not ask again.
  }, [client, sessionId, status, runningCount, enabled]);
  return { variables, error };
}
