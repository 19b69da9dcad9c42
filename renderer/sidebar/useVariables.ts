/** The session's variables, asked again whenever the session settles (after runs, restarts, a new session). */
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
    if (!enabled || !sessionId || runningCount > 0 || status !== 'idle') return;
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
  }, [client, sessionId, status, runningCount, enabled]);
  return { variables, error };
}
