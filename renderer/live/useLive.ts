/**
 * Live tables in the window: their state from `live.*` events, and the re-runs they cause. On a
 * `live.update` the window plans which cells depend on the table (planLiveRuns, from the cells as
 * they are on screen) and those re-run through the normal runner, keeping their outputs until the
 * new ones arrive; while a run is going, updates wait and then re-run together.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { planLiveRuns } from '../../common/live/planLiveRuns';
import type { LiveCell, LiveTableInfo } from '../../kernel/protocol/live';
import type { Cell } from '../../kernel/protocol/notebook';
import type { KernelClient } from '../kernel-client/KernelClient';
import { updateCell } from '../notebook/documentModel';
import type { DocumentApi } from '../notebook/useDocument';

export interface LiveEntry extends LiveTableInfo {
  /** Rows in and out at the last update. */
  lastChange?: { inserted: number; deleted: number; bytes: number; at: number };
}

export interface LiveApi {
  tables: Record<string, LiveEntry>;
  /** Cell id → the live tables it depends on (directly or through other cells). */
  dependents: Record<string, string[]>;
  /** Cell id → the shared tables it names. */
  refs: Record<string, string[]>;
  start(table: string): void;
  pause(table: string): void;
  resume(table: string): void;
  stop(table: string): void;
  /** The cell's Live switch: marks it live (`auto`) and starts the tables it names, or undoes that. */
  toggleCell(cellId: string): void;
  /** Opts a cell out of (or back into) re-running when its tables change. */
  setManual(cellId: string, manual: boolean): void;
}

interface Runner {
  running: Record<string, true>;
  runMany(ids: string[], opts?: { keepOutputs?: boolean }): Promise<void>;
}

export function liveCells(cells: Cell[]): LiveCell[] {
  return cells.flatMap((c) =>
    c.type === 'code'
      ? [{ id: c.id, language: c.language, code: c.source, ...(c.name ? { name: c.name } : {}), ...(c.live ? { live: c.live } : {}) }]
      : [],
  );
}

export function useLive(
  client: KernelClient,
  sessionId: string | null,
  docApi: DocumentApi,
  runner: Runner,
  report: (what: string, e: Error) => void,
): LiveApi {
  const [tables, setTables] = useState<Record<string, LiveEntry>>({});
  const known = useRef(tables);
  known.current = tables;
  const [dependents, setDependents] = useState<Record<string, string[]>>({});
  const [refs, setRefs] = useState<Record<string, string[]>>({});
  const pending = useRef(new Set<string>());
  const [pendingTick, setPendingTick] = useState(0);
  const autoStarted = useRef(new Set<string>());
  const cells = docApi.state.doc.model.cells;
  const runningCount = Object.keys(runner.running).length;

  const merge = useCallback((info: LiveTableInfo) => setTables((ts) => ({ ...ts, [info.table]: { ...ts[info.table], ...info } })), []);

  useEffect(() => {
    setTables({});
    autoStarted.current.clear();
    if (!sessionId) return;
    const list = () =>
      client.request('live.list', { sessionId }).then(
        (r) => r.tables.forEach(merge),
        () => undefined,
      );
    void list();
    return client.onEvent((e) => {
      if (e.sessionId !== sessionId) return;
      if (e.type === 'live.update') {
        // A table started elsewhere (a TypeScript subscription, another window): fetch its settings.
        if (!known.current[e.table]) void list();
        setTables((ts) => ({
          ...ts,
          [e.table]: {
            ...(ts[e.table] ?? { table: e.table, state: 'live', intervalMs: 0, mode: 'files' }),
            version: e.version,
            rowCount: e.rowCount,
            landedAt: e.landedAt,
            polledAt: e.polledAt,
            lagMs: e.lagMs,
            lastChange: { inserted: e.rowsInserted, deleted: e.rowsDeleted, bytes: e.bytes, at: Date.now() },
          },
        }));
        pending.current.add(e.table);
        setPendingTick((n) => n + 1);
      } else if (e.type === 'live.status') {
        setTables((ts) => {
          if (e.message === 'stopped') {
            const { [e.table]: _gone, ...rest } = ts;
            return rest;
          }
          const entry = ts[e.table];
          return entry ? { ...ts, [e.table]: { ...entry, state: e.state, message: e.message } } : ts;
        });
      }
    });
  }, [client, sessionId, merge]);

  // Re-run what depends on the tables that changed, once no run is going.
  useEffect(() => {
    if (!sessionId || runningCount > 0 || pending.current.size === 0) return;
    const changed = [...pending.current];
    pending.current.clear();
    const { doc, mode, selectedId } = docApi.latest.current;
    // The cell being typed in is left alone: running half an edit would only show an error.
    const editing = mode === 'edit' ? selectedId : null;
    const ids = planLiveRuns(liveCells(doc.model.cells), changed).filter((id) => id !== editing);
    if (ids.length === 0) return;
    runner.runMany(ids, { keepOutputs: true }).catch((e: Error) => report('Could not re-run the cells of a live table', e));
  }, [client, sessionId, runningCount, pendingTick, docApi, runner, report]);

  // Which cells name shared tables, and which depend on live ones (debounced: it parses every cell).
  const tableNames = Object.keys(tables).sort().join('\n');
  const cellKey = useMemo(() => JSON.stringify(liveCells(cells)), [cells]);
  useEffect(() => {
    if (!sessionId) return;
    const timer = setTimeout(async () => {
      const all = JSON.parse(cellKey) as LiveCell[];
      try {
        const r = await client.request('live.refs', { sessionId, cells: all });
        setRefs(r.refs);
        const byCell: Record<string, string[]> = {};
        for (const table of tableNames ? tableNames.split('\n') : []) {
          for (const id of planLiveRuns(all, [table])) byCell[id] = [...(byCell[id] ?? []), table];
        }
        setDependents(byCell);
        // Cells saved as live bring their tables back to life when the notebook opens.
        for (const cell of all) {
          if (cell.live !== 'auto') continue;
          for (const t of r.refs[cell.id] ?? []) {
            if (autoStarted.current.has(t) || tableNames.split('\n').includes(t)) continue;
            autoStarted.current.add(t);
            client.request('live.start', { sessionId, table: t }).then(merge, (e: Error) => report(`Could not make ${t} live`, e));
          }
        }
      } catch {
        // The session is restarting; the next change asks again.
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [client, sessionId, cellKey, tableNames, report, merge]);

  const act = useCallback(
    (what: 'live.start' | 'live.pause' | 'live.resume', table: string) => {
      if (!sessionId) return;
      client.request(what, { sessionId, table }).then(merge, (e: Error) => report(`Could not ${what.slice(5)} ${table}`, e));
    },
    [client, sessionId, report, merge],
  );
  const stop = useCallback(
    (table: string) => {
      if (!sessionId) return;
      client.request('live.stop', { sessionId, table }).then(
        () => setTables(({ [table]: _gone, ...rest }) => rest),
        (e: Error) => report(`Could not stop ${table}`, e),
      );
    },
    [client, sessionId, report],
  );

  const setLive = useCallback(
    (cellId: string, live: 'auto' | 'manual' | undefined) =>
      docApi.edit((d) =>
        updateCell(d, cellId, (c) => (c.type !== 'code' ? c : live ? { ...c, live } : (({ live: _off, ...rest }) => rest)(c))),
      ),
    [docApi],
  );

  return {
    tables,
    dependents,
    refs,
    start: (t) => act('live.start', t),
    pause: (t) => act('live.pause', t),
    resume: (t) => act('live.resume', t),
    stop,
    toggleCell: (cellId) => {
      const cell = docApi.latest.current.doc.model.cells.find((c) => c.id === cellId);
      if (cell?.type !== 'code') return;
      const named = refs[cellId] ?? [];
      if (cell.live === 'auto' || (named.length > 0 && named.every((t) => tables[t]))) {
        setLive(cellId, undefined);
        named.forEach(stop);
      } else {
        setLive(cellId, 'auto');
        named.forEach((t) => act('live.start', t));
      }
    },
    setManual: (cellId, manual) => setLive(cellId, manual ? 'manual' : undefined),
  };
}
