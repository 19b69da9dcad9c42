/** The session's checks for the dialog (`automl.columns`): flags, reasons and the time column, per target. */
import { useEffect, useState } from 'react';
import type { AutomlColumns, AutomlSource } from '../../kernel/protocol/automl';
import { useNotebookActions } from '../notebook/NotebookContext';

export type ColumnsState = { phase: 'loading' } | { phase: 'ready'; data: AutomlColumns } | { phase: 'error'; message: string };

/** `target` undefined asks the session to guess it from the data. */
export function useAutomlColumns(source: AutomlSource, target: string | undefined): ColumnsState {
  const { client, sessionId } = useNotebookActions();
  const [state, setState] = useState<ColumnsState>({ phase: 'loading' });
  const key = JSON.stringify(source);
  useEffect(() => {
    const sid = sessionId();
    if (!sid) return setState({ phase: 'error', message: 'No session is running.' });
    let live = true;
    setState({ phase: 'loading' });
    client.request('automl.columns', { sessionId: sid, source: JSON.parse(key) as AutomlSource, ...(target ? { target } : {}) }).then(
      (data) => live && setState({ phase: 'ready', data }),
      (e: Error) => live && setState({ phase: 'error', message: e.message }),
    );
    return () => {
      live = false;
    };
  }, [client, sessionId, key, target]);
  return state;
}
