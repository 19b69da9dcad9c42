/**
 * Live tables in the window: their state from `live.*` events, and the re-runs they cause. On a
 * `live.update` the window plans which cells depend on the table (planLiveRuns, from the cells as
 * they are on screen) and those re-run through the normal runner, keeping their outputs until the
 * new ones arrive. While the user runs a cell in this window, the re-runs that neither are that cell
 * nor depend on it (splitLivePlan) run at once in the session's live lane, beside it; the others
 * wait and then re-run together, once. While another window runs a cell (which one is not known
 * here), everything waits for it. With several windows on one session, the one granted `live.claim`
 * re-runs; the others mark those cells stale (their outputs are older than the table) with a Run.
 *
 * Status stays truthful across a session restart: every table is shown stopped the moment the
 * session goes down, and once it is back the notebook's live cells start their tables again
 * (paused ones paused); tables only the catalog had started stay stopped, with a Start button.
 * A manual cell whose tables changed is marked stale until it runs.
 *
 * A re-run sent beside the user's running cell may still wait for it in the session (the analyst's
 * open transaction changed a table it reads, or it reads a TEMP object: only the session knows):
 * `live.queued` and `live.dequeued` mark it queued, with the session's reason, until it starts.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { planLiveRuns, staleManualCells } from '../../common/live/planLiveRuns';
import { connectionLocalCells } from '../../common/live/connectionLocal';
import { splitLivePlan } from '../../common/live/splitLivePlan';
import type { LiveCell, LiveQueueCause, LiveTableInfo, QueuedTransaction } from '../../kernel/protocol/live';
import type { Cell } from '../../kernel/protocol/notebook';
import type { KernelClient } from '../kernel-client/KernelClient';
import { updateCell } from '../notebook/documentModel';
import type { DocumentApi } from '../notebook/useDocument';

export interface LiveEntry extends LiveTableInfo {
  /** Rows in and out at the last update. */
  lastChange?: { inserted: number; deleted: number; bytes: number; at: number };
}

/** A cell left behind by a change: the table and the first version it has not seen. */
export interface Staleness {
  table: string;
  version: number;
  /**
   * `manual`: the cell re-runs by hand only; `elsewhere`: another window on the session re-ran it;
   * `waiting`: it depends on the user's running cell and re-runs once that ends; `skipped`: its
   * queued re-run did not happen (a cell before it failed, or the queue was interrupted).
   */
  why: 'manual' | 'elsewhere' | 'waiting' | 'skipped' | 'queued';
  /** Why a `waiting` cell cannot re-run beside the running cell when it does not depend on it (connectionLocal). */
  because?: string;
}

/** A re-run the session holds back until the user's running cell ends (`live.queued`), with the session's reason. */
export interface QueuedRerun {
  runId: string;
  cause: LiveQueueCause;
  reason: string;
  transaction?: QueuedTransaction;
  /** The change it re-runs for, when this window sent it. */
  table?: string;
  version?: number;
}

export interface LiveApi {
  tables: Record<string, LiveEntry>;
  /** Cell id → the live tables it depends on (directly or through other cells). */
  dependents: Record<string, string[]>;
  /** Cell id → the shared tables it names. */
  refs: Record<string, string[]>;
  /** Manual cells whose tables changed since they last ran. */
  stale: Record<string, Staleness>;
  /** Cell id → its live re-run, sent, that the session holds back until the user's running cell ends. */
  queued: Record<string, QueuedRerun>;
  start(table: string): void;
  pause(table: string): void;
  /** Polls again after a pause; after an error that stopped retrying, retries now. */
  resume(table: string): void;
  stop(table: string): void;
  /** Removes a stopped table from the strip. */
  dismiss(table: string): void;
  /** The cell's Live switch: marks it live (`auto`) and starts the tables it names, or undoes that. */
  toggleCell(cellId: string): void;
  /** Opts a cell out of (or back into) re-running when its tables change. */
  setManual(cellId: string, manual: boolean): void;
  /** Runs one cell now (a stale manual cell's Run button). */
  runCell(cellId: string): void;
}

interface Runner {
  running: Record<string, true>;
  /** Cells a user batch (Run all) has yet to run. */
  queued?(): string[];
  /** Resolves to the ids it did not run (a cell before them failed, or the batch was interrupted). */
  runMany(ids: string[], opts?: { keepOutputs?: boolean; lane?: 'user' | 'live' }): Promise<string[]>;
}

export function liveCells(cells: Cell[]): LiveCell[] {
  return cells.flatMap((c) =>
    c.type === 'code'
      ? [{ id: c.id, language: c.language, code: c.source, ...(c.name ? { name: c.name } : {}), ...(c.live ? { live: c.live } : {}) }]
      : [],
  );
}

/** The fields a `live.status` carries about its state; absent ones are cleared, not kept from before. */
const STATE_FIELDS = ['message', 'code', 'retryAt', 'progress'] as const;

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
  const [stale, setStale] = useState<Record<string, Staleness>>({});
  const [queued, setQueued] = useState<Record<string, QueuedRerun>>({});
  /** The change each cell's latest live-lane re-run was sent for, so its queued badge names the version. */
  const sentFor = useRef(new Map<string, { table: string; version: number }>());
  const runningNow = useRef(runner.running);
  runningNow.current = runner.running;
  /** Changed tables not yet re-run, with the newest version seen. */
  const pending = useRef(new Map<string, number>());
  const [pendingTick, setPendingTick] = useState(0);
  /** A batch of re-runs is going: changes meanwhile wait for it, then re-run together, once. */
  const inFlight = useRef(false);
  /** Claimed re-runs that depend on the user's running cell: they run once it ends. */
  const waiting = useRef(new Set<string>());
  const autoStarted = useRef(new Set<string>());
  /** Tables paused when the session went down: paused again once restarted. */
  const pausedBefore = useRef(new Set<string>());
  /** Bumped when a restarted session is ready, so the notebook's live cells start their tables again. */
  const [generation, setGeneration] = useState(0);
  const [sessionBusy, setSessionBusy] = useState(false);
  const cells = docApi.state.doc.model.cells;
  const docRef = useRef(docApi);
  docRef.current = docApi;

  const merge = useCallback((info: LiveTableInfo) => setTables((ts) => ({ ...ts, [info.table]: { ...ts[info.table], ...info } })), []);

  useEffect(() => {
    setTables({});
    setStale({});
    setQueued({});
    autoStarted.current.clear();
    pending.current.clear();
    waiting.current.clear();
    if (!sessionId) return;
    let down = false;
    const list = () =>
      client.request('live.list', { sessionId }).then(
        (r) => r.tables.forEach(merge),
        () => undefined,
      );
    void list();
    return client.onEvent((e) => {
      if (e.sessionId !== sessionId) return;
      if (e.type === 'session.status') {
        setSessionBusy(e.status === 'busy');
        if (e.status === 'restarting' || e.status === 'starting' || e.status === 'dead') {
          if (down) return;
          down = true;
          pending.current.clear();
          waiting.current.clear();
          setQueued({});
          // Nothing is queued any more: a session that restarted re-runs nothing by itself.
          setStale((st) =>
            Object.fromEntries(Object.entries(st).map(([id, s]) => [id, s.why === 'waiting' ? { ...s, why: 'skipped' } : s])),
          );
          pausedBefore.current = new Set(
            Object.values(known.current)
              .filter((t) => t.state === 'paused')
              .map((t) => t.table),
          );
          const why = e.status === 'dead' ? 'the session ended' : 'the session restarted';
          setTables((ts) =>
            Object.fromEntries(
              Object.entries(ts).map(([k, t]) => [
                k,
                { ...t, state: 'stopped', message: why, code: undefined, retryAt: undefined, progress: undefined },
              ]),
            ),
          );
        } else if (e.status === 'idle' && down) {
          down = false;
          autoStarted.current.clear();
          setGeneration((g) => g + 1);
          void list();
        }
      } else if (e.type === 'live.update') {
        // A table started elsewhere (a TypeScript subscription, another window): fetch its settings.
        if (!known.current[e.table]) void list();
        setTables((ts) => ({
          ...ts,
          [e.table]: {
            ...(ts[e.table] ?? { table: e.table, state: 'live', intervalMs: 0, mode: 'files' }),
            version: e.version,
            rowCount: e.rowCount,
            landedAt: e.landedAt,
            arrivedAt: e.arrivedAt,
            polledAt: e.polledAt,
            lagMs: e.lagMs,
            lastChange: { inserted: e.rowsInserted, deleted: e.rowsDeleted, bytes: e.bytes, at: Date.now() },
          },
        }));
        const behind = staleManualCells(liveCells(docRef.current.latest.current.doc.model.cells), [e.table]);
        if (behind.length > 0)
          setStale((st) => {
            const next = { ...st };
            for (const id of behind) next[id] ??= { table: e.table, version: e.version, why: 'manual' };
            return next;
          });
        pending.current.set(e.table, Math.max(e.version, pending.current.get(e.table) ?? -1));
        setPendingTick((n) => n + 1);
      } else if (e.type === 'live.queued') {
        // Only a re-run this window sent and still runs: another window's goes to that window's outputs.
        if (!e.cellId || !sentFor.current.has(e.cellId) || !runningNow.current[e.cellId]) return;
        const id = e.cellId;
        const sent = sentFor.current.get(id);
        const { runId, cause, reason, transaction } = e;
        setQueued((q) => ({ ...q, [id]: { runId, cause, reason, ...(transaction ? { transaction } : {}), ...(sent ?? {}) } }));
      } else if (e.type === 'live.dequeued') {
        if (!e.cellId) return;
        const id = e.cellId;
        setQueued((q) => {
          if (q[id]?.runId !== e.runId) return q;
          const { [id]: _started, ...rest } = q;
          return rest;
        });
      } else if (e.type === 'live.status') {
        if (!known.current[e.table] && e.state !== 'stopped') void list();
        setTables((ts) => {
          if (e.state === 'stopped') {
            const { [e.table]: _gone, ...rest } = ts;
            return rest;
          }
          const entry = ts[e.table];
          if (!entry) return ts;
          const next: LiveEntry = { ...entry, state: e.state };
          for (const f of STATE_FIELDS) delete next[f];
          return {
            ...ts,
            [e.table]: {
              ...next,
              ...(e.message !== undefined ? { message: e.message } : {}),
              ...(e.code !== undefined ? { code: e.code } : {}),
              ...(e.retryAt !== undefined ? { retryAt: e.retryAt } : {}),
              ...(e.progress !== undefined ? { progress: e.progress } : {}),
              ...(e.polledAt !== undefined ? { polledAt: e.polledAt } : {}),
              ...(e.version !== undefined ? { version: e.version } : {}),
            },
          };
        });
      }
    });
  }, [client, sessionId, merge]);

  // A cell that runs (by hand or re-run) is no longer stale; one that starts while queued behind a
  // long cell has had its re-run, so it is not run again when that cell ends.
  const runningKey = Object.keys(runner.running).sort().join(',');
  const wasRunning = useRef(new Set<string>());
  useEffect(() => {
    const now = new Set(runningKey ? runningKey.split(',') : []);
    for (const id of now) if (!wasRunning.current.has(id)) waiting.current.delete(id);
    // A run that ended is queued no more, whatever notice was lost (the session went down, say).
    const ended = [...wasRunning.current].filter((id) => !now.has(id));
    if (ended.length > 0)
      setQueued((q) => (ended.some((id) => q[id]) ? Object.fromEntries(Object.entries(q).filter(([id]) => !ended.includes(id))) : q));
    wasRunning.current = now;
    if (!runningKey) return;
    setStale((st) => {
      const ids = runningKey.split(',').filter((id) => st[id]);
      if (ids.length === 0) return st;
      const next = { ...st };
      for (const id of ids) delete next[id];
      return next;
    });
  }, [runningKey]);

  // Re-run what depends on the tables that changed; one window per change. With nothing running,
  // all of it at once, as the user would. While this window's user runs cells, what is independent
  // of them now, in the live lane; the rest once they end.
  useEffect(() => {
    if (!sessionId || inFlight.current) return;
    // A Run all's later cells count as running: a live re-run beside the batch would run them twice.
    const busyHere = [...new Set([...(runningKey ? runningKey.split(',') : []), ...(runner.queued?.() ?? [])])];
    const idle = busyHere.length === 0 && !sessionBusy;
    if (pending.current.size === 0 && (waiting.current.size === 0 || !idle)) return;
    // Another window's cell runs: which one is not known here, so everything waits for it.
    if (!idle && busyHere.length === 0) return;
    const versions = Object.fromEntries(pending.current);
    pending.current.clear();
    const { doc, mode, selectedId } = docApi.latest.current;
    const cells = liveCells(doc.model.cells);
    // The cell being typed in is left alone: running half an edit would only show an error.
    const editing = mode === 'edit' ? selectedId : null;
    const planned = planLiveRuns(cells, Object.keys(versions)).filter((id) => id !== editing);
    if (planned.length === 0 && (waiting.current.size === 0 || !idle)) return;
    inFlight.current = true;
    const claimed =
      planned.length > 0 ? client.request('live.claim', { sessionId, versions }).then((r) => r.granted) : Promise.resolve(false);
    claimed
      .then((granted) => {
        if (!granted && planned.length > 0) {
          // Another window re-ran them: this window's outputs are older than the table, and say so.
          const [table, version] = Object.entries(versions)[0];
          setStale((st) => {
            const next = { ...st };
            for (const id of planned) next[id] ??= { table, version, why: 'elsewhere' };
            return next;
          });
        }
        const mine = granted ? planned : [];
        const [table, version] = Object.entries(versions)[0] ?? ['', 0];
        // Cells a re-run never reached (one before them failed, or Interrupt) still show the old
        // version's output: they say so, with Run, like a queued cell that never ran.
        const notReached = (ids: string[]) =>
          ids.length > 0 &&
          setStale((st) => {
            const next = { ...st };
            for (const id of ids) next[id] = { ...(next[id] ?? { table, version }), why: 'skipped' };
            return next;
          });
        if (idle) {
          const due = new Set([...mine, ...waiting.current]);
          waiting.current.clear();
          const ids = cells.map((c) => c.id).filter((id) => due.has(id) && id !== editing);
          // A cell still marked waiting once the queue ended did not re-run (it failed, was stopped,
          // or was being edited): it says so, with Run.
          const leftBehind = () =>
            setStale((st) => {
              const next = { ...st };
              for (const id of due) if (next[id]?.why === 'waiting') next[id] = { ...next[id], why: 'skipped' };
              return next;
            });
          return ids.length > 0 ? runner.runMany(ids, { keepOutputs: true }).then(notReached).finally(leftBehind) : undefined;
        }
        const { now, later } = splitLivePlan(cells, mine, busyHere);
        if (later.length > 0) {
          const local = connectionLocalCells(cells);
          setStale((st) => {
            const next = { ...st };
            for (const id of later) {
              const because = local.get(id);
              next[id] = {
                table,
                version: Math.min(version, next[id]?.version ?? Infinity),
                why: 'waiting',
                ...(because ? { because } : {}),
              };
            }
            return next;
          });
        }
        for (const id of later) waiting.current.add(id);
        for (const id of now) sentFor.current.set(id, { table, version });
        return now.length > 0 ? runner.runMany(now, { keepOutputs: true, lane: 'live' }).then(notReached) : undefined;
      })
      .catch((e: Error) => report('Could not re-run the cells of a live table', e))
      .finally(() => {
        inFlight.current = false;
        setPendingTick((n) => n + 1);
      });
  }, [client, sessionId, runningKey, sessionBusy, pendingTick, docApi, runner, report]);

  // Which cells name shared tables, and which depend on live ones (debounced: it parses every cell).
  const tableNames = Object.keys(tables).sort().join('\n');
  const running = Object.values(tables)
    .filter((t) => t.state !== 'stopped')
    .map((t) => t.table)
    .sort()
    .join('\n');
  const cellKey = useMemo(() => JSON.stringify(liveCells(cells)), [cells]);
  useEffect(() => {
    if (!sessionId) return;
    const timer = setTimeout(async () => {
      const all = JSON.parse(cellKey) as LiveCell[];
      try {
        const r = await client.request('live.refs', { sessionId, cells: all });
        setRefs(r.refs);
        const byCell: Record<string, string[]> = {};
        // Manual cells count as fed too: they keep their badge (and its switch back to auto).
        const asAuto = all.map((c) => (c.live === 'manual' ? { ...c, live: 'auto' as const } : c));
        for (const table of tableNames ? tableNames.split('\n') : []) {
          for (const id of planLiveRuns(asAuto, [table])) byCell[id] = [...(byCell[id] ?? []), table];
        }
        setDependents(byCell);
        // Cells saved as live bring their tables back to life when the notebook opens or the session restarts.
        for (const cell of all) {
          if (cell.live !== 'auto') continue;
          for (const t of r.refs[cell.id] ?? []) {
            if (autoStarted.current.has(t) || running.split('\n').includes(t)) continue;
            autoStarted.current.add(t);
            client.request('live.start', { sessionId, table: t }).then(
              (info) => {
                merge(info);
                if (pausedBefore.current.delete(t)) client.request('live.pause', { sessionId, table: t }).then(merge, () => undefined);
              },
              (e: Error) => report(`Could not make ${t} live`, e),
            );
          }
        }
      } catch {
        // The session is restarting; the next change asks again.
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [client, sessionId, cellKey, tableNames, running, generation, report, merge]);

  const act = useCallback(
    (what: 'live.start' | 'live.pause' | 'live.resume', table: string) => {
      if (!sessionId) return;
      client.request(what, { sessionId, table }).then(merge, (e: Error) => report(`Could not ${what.slice(5)} ${table}`, e));
    },
    [client, sessionId, report, merge],
  );
  const dismiss = useCallback((table: string) => setTables(({ [table]: _gone, ...rest }) => rest), []);
  const stop = useCallback(
    (table: string) => {
      if (!sessionId) return;
      client.request('live.stop', { sessionId, table }).then(
        () => dismiss(table),
        (e: Error) => report(`Could not stop ${table}`, e),
      );
    },
    [client, sessionId, report, dismiss],
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
    stale,
    queued,
    start: (t) => act('live.start', t),
    pause: (t) => act('live.pause', t),
    resume: (t) => act('live.resume', t),
    stop,
    dismiss,
    toggleCell: (cellId) => {
      const cell = docApi.latest.current.doc.model.cells.find((c) => c.id === cellId);
      if (cell?.type !== 'code') return;
      const named = refs[cellId] ?? [];
      if (cell.live === 'auto' || (named.length > 0 && named.every((t) => tables[t] && tables[t].state !== 'stopped'))) {
        setLive(cellId, undefined);
        named.forEach(stop);
      } else {
        setLive(cellId, 'auto');
        named.forEach((t) => act('live.start', t));
      }
    },
    setManual: (cellId, manual) => {
      setLive(cellId, manual ? 'manual' : undefined);
      // Back to auto: a stale cell catches up at once.
      if (!manual && stale[cellId]) {
        runner.runMany([cellId], { keepOutputs: true }).catch((e: Error) => report('Could not run the cell', e));
      }
    },
    runCell: (cellId) => {
      runner.runMany([cellId], { keepOutputs: true }).catch((e: Error) => report('Could not run the cell', e));
    },
  };
}
