/**
 * Whether an AutoML job of this session is training, from its notices: a job is training from its
 * first `automl.progress` until its `automl.done`. The session badge says "training" then instead of
 * "idle": no cell runs, but the session's cores are busy with the search.
 */
import { useEffect, useState } from 'react';
import type { KernelClient } from '../../kernel/protocol/KernelClient';

export function useTrainingJobs(client: KernelClient, sessionId: string | null): boolean {
  const [jobs, setJobs] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    setJobs(new Set());
    if (!sessionId) return;
    return client.onEvent((e) => {
      if ((e.type !== 'automl.progress' && e.type !== 'automl.done') || e.sessionId !== sessionId) return;
      const training = e.type === 'automl.progress';
      setJobs((now) => {
        if (now.has(e.jobId) === training) return now;
        const next = new Set(now);
        if (training) next.add(e.jobId);
        else next.delete(e.jobId);
        return next;
      });
    });
  }, [client, sessionId]);
  return jobs.size > 0;
}
