/**
 * One AutoML job as the dialog sees it: start it, follow its `automl.progress` notices, cancel it,
 * and fetch the report once `automl.done` says it finished.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AutomlReport, AutomlRequests } from '../../kernel/protocol/automl';
import type { EventMessage } from '../../kernel/protocol/messages';
import { useNotebookActions } from '../notebook/NotebookContext';

export type AutomlProgressEvent = Extract<EventMessage, { type: 'automl.progress' }>;
type StartParams = Omit<AutomlRequests['automl.start']['params'], 'sessionId'>;

export type JobState =
  | { phase: 'setup'; error?: string }
  | { phase: 'running'; jobId: string; progress: AutomlProgressEvent | null; stopping: boolean }
  | { phase: 'done'; jobId: string; report: AutomlReport };

export function useAutomlJob() {
  const { client, sessionId } = useNotebookActions();
  const [state, setState] = useState<JobState>({ phase: 'setup' });
  const job = useRef<string | null>(null);
  // Notices can come before the start request's answer names the job; keep them until it does.
  const early = useRef<EventMessage[]>([]);

  const fetchReport = useCallback(
    (jobId: string) => {
      const sid = sessionId();
      if (!sid) return;
      const theme = document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
      client.request('automl.result', { sessionId: sid, jobId, theme }).then(
        (report) => setState({ phase: 'done', jobId, report }),
        (e: Error) => setState({ phase: 'setup', error: e.message }),
      );
    },
    [client, sessionId],
  );

  const onEvent = useCallback(
    (e: EventMessage) => {
      if (e.type !== 'automl.progress' && e.type !== 'automl.done') return;
      if (job.current === null) return void early.current.push(e);
      if (e.jobId !== job.current) return;
      if (e.type === 'automl.progress') setState((s) => (s.phase === 'running' ? { ...s, progress: e } : s));
      else if (e.status === 'error') setState({ phase: 'setup', error: e.message ?? 'The AutoML run failed.' });
      else fetchReport(e.jobId);
    },
    [fetchReport],
  );

  useEffect(() => client.onEvent(onEvent), [client, onEvent]);

  const start = useCallback(
    (params: StartParams) => {
      const sid = sessionId();
      if (!sid) return setState({ phase: 'setup', error: 'No session is running.' });
      early.current = [];
      job.current = null;
      setState({ phase: 'running', jobId: '', progress: null, stopping: false });
      client.request('automl.start', { sessionId: sid, ...params }).then(
        ({ jobId }) => {
          job.current = jobId;
          setState((s) => (s.phase === 'running' ? { ...s, jobId } : s));
          for (const e of early.current.splice(0)) onEvent(e);
        },
        (e: Error) => setState({ phase: 'setup', error: e.message }),
      );
    },
    [client, sessionId, onEvent],
  );

  const cancel = useCallback(() => {
    const sid = sessionId();
    if (!sid || !job.current) return;
    setState((s) => (s.phase === 'running' ? { ...s, stopping: true } : s));
    client.request('automl.cancel', { sessionId: sid, jobId: job.current }).catch(() => undefined);
  }, [client, sessionId]);

  return { state, start, cancel };
}
