/**
 * Runs cells: `execute` with a fresh run id, `run.output` events appended as they stream in (merged,
 * capped and shown once per frame by StreamedOutputs), then the result's outputs replace them.
 * Run-many goes in order and stops at the first failure.
 *
 * A run goes in the user's lane unless asked otherwise; live re-runs of cells independent of the
 * user's running cell go in the session's `live` lane, beside it (see useLive). Interrupt stops the
 * user's runs, or, with none going, the live ones: the session decides the same way.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { mergeOutputs } from '../../common/OutputBuilder';
import { SiltError } from '../../common/SiltError';
import type { ProgressUnit, RunResult } from '../../kernel/protocol/messages';
import type { CodeCell, Output } from '../../kernel/protocol/notebook';
import type { KernelClient } from '../kernel-client/KernelClient';
import type { SessionApi } from '../kernel-client/useSession';
import { updateCell } from './documentModel';
import { StreamedOutputs } from './StreamedOutputs';
import type { DocumentApi } from './useDocument';

/** The latest `run.progress` of a running cell, e.g. files downloaded for a shared table. */
export interface RunProgress {
  label: string;
  done: number;
  total: number | null;
  unit: ProgressUnit;
}

type Lane = 'user' | 'live';

export interface RunOptions {
  /** Keep the cell's outputs until the new ones arrive (live re-runs: no flicker, grids keep their scroll). */
  keepOutputs?: boolean;
  lane?: Lane;
}

export const RESTART_NOTICE = 'The session was restarted to stop the cell; variables were lost.';

function newRunId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `run-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Outputs are not edits: they are saved with the notebook but leave it clean (see useDocument). */
function patchCode(docApi: DocumentApi, cellId: string, fn: (c: CodeCell) => CodeCell): void {
  docApi.writeOutputs((doc) => updateCell(doc, cellId, (c) => (c.type === 'code' ? fn(c) : c)));
}

export function useRunner(client: KernelClient, session: SessionApi, docApi: DocumentApi) {
  const { ensure, ended } = session;
  const [running, setRunning] = useState<Record<string, true>>({});
  const [notices, setNotices] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<Record<string, RunProgress>>({});
  const runs = useRef(new Map<string, { cellId: string; lane: Lane }>());
  /** The run-many batches going; Interrupt stops the ones of the lane it stops (a batch per call, so one never restarts another). */
  const batches = useRef(new Set<{ lane: Lane; stopped: boolean; left: string[] }>());
  const latestDoc = useRef(docApi);
  latestDoc.current = docApi;
  const streamed = useRef<StreamedOutputs | null>(null);
  streamed.current ??= new StreamedOutputs((cellId, outputs) => patchCode(latestDoc.current, cellId, (c) => ({ ...c, outputs })));

  useEffect(
    () =>
      client.onEvent((e) => {
        if (e.type !== 'run.output' && e.type !== 'run.progress') return;
        const cellId = runs.current.get(e.runId)?.cellId;
        if (!cellId) return;
        // Runs that keep their outputs (live re-runs: no flicker, grids keep their scroll) are not in
        // `streamed`: their old outputs stay until the result replaces them.
        if (e.type === 'run.output') streamed.current!.push(e.runId, e.output);
        else setProgress((p) => ({ ...p, [cellId]: { label: e.label, done: e.done, total: e.total, unit: e.unit ?? 'bytes' } }));
      }),
    [client],
  );

  const setNotice = (cellId: string, notice: string | null) =>
    setNotices((n) => {
      const { [cellId]: _old, ...rest } = n;
      return notice ? { ...rest, [cellId]: notice } : rest;
    });

  /** Runs one cell; resolves to how it ended ('ok' for markdown, which just renders). */
  const run = useCallback(
    async (cellId: string, opts: RunOptions = {}): Promise<RunResult['status']> => {
      const cell = docApi.latest.current.doc.model.cells.find((c) => c.id === cellId);
      if (!cell || cell.type !== 'code') return 'ok';
      // A session that ended (idle, crash) is replaced by a new one here: running a cell starts it.
      const sessionId = await ensure();
      if (!sessionId) return 'error';
      const runId = newRunId();
      const lane = opts.lane ?? 'user';
      runs.current.set(runId, { cellId, lane });
      if (!opts.keepOutputs) streamed.current!.start(runId, cellId);
      setRunning((r) => ({ ...r, [cellId]: true }));
      setNotice(cellId, null);
      if (!opts.keepOutputs) patchCode(docApi, cellId, (c) => ({ ...c, outputs: [] }));
      const name = cell.language === 'sql' && cell.name?.trim() ? cell.name.trim() : undefined;
      try {
        const result = await client.request('execute', {
          sessionId,
          runId,
          cellId,
          language: cell.language,
          code: cell.source,
          ...(name ? { name } : {}),
          ...(lane === 'live' ? { lane } : {}),
        });
        streamed.current!.finish(runId);
        const merged = mergeOutputs(result.outputs);
        const outputs: Output[] =
          result.status === 'interrupted' && !merged.some((o) => o.kind === 'error')
            ? [...merged, { kind: 'error', ename: 'Interrupted', message: 'The run was interrupted.', traceback: [] }]
            : merged;
        patchCode(docApi, cellId, (c) => ({ ...c, outputs, executionCount: result.executionCount, elapsedMs: result.elapsedMs }));
        return result.status;
      } catch (e) {
        const message = (e as Error).message;
        if (e instanceof SiltError && e.code === 'session-gone') ended(message);
        const sofar = streamed.current!.finish(runId);
        const error: Output = { kind: 'error', ename: 'KernelError', message, traceback: [] };
        patchCode(docApi, cellId, (c) => ({ ...c, outputs: [...sofar, error] }));
        return 'error';
      } finally {
        streamed.current!.finish(runId);
        runs.current.delete(runId);
        setRunning(({ [cellId]: _done, ...rest }) => rest);
        setProgress(({ [cellId]: _done, ...rest }) => rest);
      }
    },
    [client, ensure, ended, docApi],
  );

  /** Runs cells in order, stopping at the first that does not end 'ok'; resolves to the ids it never ran. */
  const runMany = useCallback(
    async (ids: string[], opts: RunOptions = {}): Promise<string[]> => {
      const batch = { lane: opts.lane ?? 'user', stopped: false, left: [...ids] };
      batches.current.add(batch);
      try {
        while (batch.left.length > 0) {
          if (batch.stopped) break;
          const id = batch.left.shift()!;
          if ((await run(id, opts)) !== 'ok') break;
        }
        return [...batch.left];
      } finally {
        batches.current.delete(batch);
      }
    },
    [run],
  );

  const interrupt = useCallback(async () => {
    const sessionId = session.idRef.current;
    if (!sessionId) return;
    const going = [...runs.current.values()];
    // The session stops the user's runs, or the live ones when only those are going; the queues follow.
    const target: Lane = going.length > 0 && going.every((r) => r.lane === 'live') ? 'live' : 'user';
    for (const b of batches.current) if (b.lane === target) b.stopped = true;
    const stopping = going.filter((r) => r.lane === target).map((r) => r.cellId);
    const { restarted } = await client.request('session.interrupt', { sessionId });
    if (restarted) for (const id of stopping) setNotice(id, RESTART_NOTICE);
  }, [client, session.idRef]);

  /** Cells a user batch (Run all, Run below) will still run: a live re-run must not run them beside it. */
  const queued = useCallback(() => [...batches.current].filter((b) => b.lane === 'user' && !b.stopped).flatMap((b) => b.left), []);

  return { running, notices, progress, run, runMany, interrupt, queued };
}
