/**
 * What opening a dashboard does, once its session is there: the tables it follows go live first
 * (common/live/watchedTables: the cells marked Live, else every shared table a cell names), so the
 * first run reads the same local copies later versions change; then every code cell runs once, each
 * on its own so that one failing tile does not leave the others empty. From then on the app's own
 * live re-runs (useLive) keep the tiles current.
 *
 * Cells that name a followed table are marked Live in this window's copy of the notebook (never
 * saved: the dashboard does not write the file), so the live strip lists them as the app does.
 */
import { useEffect, useState } from 'react';
import { watchedTables } from '../../common/live/watchedTables';
import type { LiveTableInfo } from '../../kernel/protocol/live';
import type { KernelClient } from '../kernel-client/KernelClient';
import { liveCells } from '../live/useLive';
import { updateCell } from '../notebook/documentModel';
import type { DocumentApi } from '../notebook/useDocument';

export type DashboardPhase = 'loading' | 'running' | 'ready';

interface Runner {
  run(cellId: string, opts?: { keepOutputs?: boolean }): Promise<unknown>;
}

export function useDashboardRun(
  client: KernelClient,
  sessionId: string | null,
  loaded: boolean,
  docApi: DocumentApi,
  runner: Runner,
  report: (what: string, e: Error) => void,
): { phase: DashboardPhase; started: Record<string, LiveTableInfo> } {
  const [phase, setPhase] = useState<DashboardPhase>('loading');
  // What live.start answered: the versions the first run reads, known before the live strip has them.
  const [started, setStarted] = useState<Record<string, LiveTableInfo>>({});
  useEffect(() => {
    if (!sessionId || !loaded) return;
    let cancelled = false;
    setPhase('running');
    void (async () => {
      const cells = liveCells(docApi.latest.current.doc.model.cells);
      const { refs } = await client.request('live.refs', { sessionId, cells });
      const tables = watchedTables(cells, refs);
      const infos: Record<string, LiveTableInfo> = {};
      for (const table of tables) {
        await client.request('live.start', { sessionId, table }).then(
          (info) => (infos[info.table] = info),
          (e: Error) => report(`Could not make ${table} live`, e),
        );
      }
      if (cancelled) return;
      setStarted(infos);
      const followed = new Set(tables);
      docApi.edit((d) =>
        cells.reduce(
          (doc, c) =>
            c.live === undefined && (refs[c.id] ?? []).some((t) => followed.has(t))
              ? updateCell(doc, c.id, (cell) => (cell.type === 'code' ? { ...cell, live: 'auto' } : cell))
              : doc,
          d,
        ),
      );
      for (const c of cells) {
        if (cancelled) return;
        await runner.run(c.id, { keepOutputs: true });
      }
      if (!cancelled) setPhase('ready');
    })().catch((e: Error) => !cancelled && report('Could not start the dashboard', e));
    return () => {
      cancelled = true;
    };
    // Once per session: later changes come through the live re-runs.
  }, [client, sessionId, loaded]);
  return { phase, started };
}
