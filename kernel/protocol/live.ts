/**
 * Live tables: a shared table the session keeps current by polling its version and applying only
 * the increment to a local copy. Which cells re-run when one changes is planned in the window; with
 * several windows on one session, the one whose `live.claim` for a version is granted re-runs them.
 */
import * as s from '../../common/schema';
import type { ErrorCode } from '../../common/errorCode';
import type { LiveCell } from '../../common/live/planLiveRuns';
import { CODE_LANGUAGES } from './notebook';

/**
 * Exactly one of: `live`, polling (see `polledAt`); `paused`, kept but not polled; `catching-up`,
 * reading and applying new versions or re-reading the table in full (`progress`, `message`);
 * `error`, polls failing (`message`, `code`, and `retryAt` when it retries by itself, absent when
 * retrying cannot help: resume retries); `stopped`, no longer kept (told once, as the table leaves).
 */
export type LiveState = 'live' | 'paused' | 'catching-up' | 'error' | 'stopped';

/** Bytes downloaded of the files a catch-up needs. */
export interface LiveProgress {
  done: number;
  total: number;
}

/** What `sharing.nextVersion` resolves with: the version the local copy now holds. */
export interface LiveVersion {
  table: string;
  version: number;
  previousVersion: number;
  /** Commit time (ms) of `version`, when the server told it (absent, never guessed, when it did not). */
  landedAt?: number;
  rowsInserted: number;
  rowsDeleted: number;
  rowCount: number;
}

/** A code cell as the dependency plan sees it; the window plans re-runs itself (common/live/planLiveRuns). */
export type { LiveCell };

/** LiveCell's runtime check; the annotation keeps it in step with the planner's type. */
const liveCell: s.Schema<LiveCell> = s.object({
  id: s.string(),
  language: s.oneOf(CODE_LANGUAGES),
  code: s.string(),
  name: s.optional(s.string()),
  live: s.optional(s.oneOf(['auto', 'manual'])),
});

export interface LiveTableInfo {
  /** `share.schema.table` as the listing spells it (profile-qualified when ambiguous). */
  table: string;
  state: LiveState;
  intervalMs: number;
  /** The version the local copy holds. */
  version: number;
  /** How increments are read: the change data feed, or added/removed files (`startingVersion`). */
  mode: 'cdf' | 'files';
  rowCount: number;
  /** Commit time (ms) of the version the local copy holds, when known. */
  landedAt?: number;
  /**
   * When the local copy took its version while the session watched (ms); absent for the version read
   * when the table started: nothing has arrived yet, so nothing may be said to have landed.
   */
  arrivedAt?: number;
  /** When the session last asked the server for the version (ms). */
  polledAt?: number;
  /** From commit to local copy updated, for the version that arrived at `arrivedAt` (ms). */
  lagMs?: number;
  message?: string;
  /** `error`: the failure's code (`corrupt`, `unavailable`, …). */
  code?: ErrorCode;
  /** `error`: when the next poll happens (ms); absent when it will not retry by itself. */
  retryAt?: number;
  /** `catching-up`: bytes downloaded so far. */
  progress?: LiveProgress;
}

/** The params of each live request, checked at run time; their types below are inferred from these. */
export const LIVE_PARAMS = {
  'live.start': s.object({ sessionId: s.string(), table: s.string(), intervalMs: s.optional(s.number()) }),
  'live.pause': s.object({ sessionId: s.string(), table: s.string() }),
  'live.resume': s.object({ sessionId: s.string(), table: s.string() }),
  'live.stop': s.object({ sessionId: s.string(), table: s.string() }),
  'live.list': s.object({ sessionId: s.string() }),
  'live.refs': s.object({ sessionId: s.string(), cells: s.array(liveCell) }),
  'live.claim': s.object({ sessionId: s.string(), versions: s.record(s.number()) }),
};

type In<K extends keyof typeof LIVE_PARAMS> = s.Infer<(typeof LIVE_PARAMS)[K]>;

export interface LiveRequests {
  /** Makes a shared table live (or changes its interval); loads the local copy on first start. */
  'live.start': { params: In<'live.start'>; result: LiveTableInfo };
  'live.pause': { params: In<'live.pause'>; result: LiveTableInfo };
  'live.resume': { params: In<'live.resume'>; result: LiveTableInfo };
  /** Stops polling and drops the local copy; SQL reads the table from the server again. */
  'live.stop': { params: In<'live.stop'>; result: { ok: true } };
  'live.list': { params: In<'live.list'>; result: { tables: LiveTableInfo[] } };
  /** The shared tables each cell names directly (for the cell's Live switch). */
  'live.refs': { params: In<'live.refs'>; result: { refs: Record<string, string[]> } };
  /**
   * A window asks to re-run the dependents of these tables at these versions (table → version). Granted
   * to the first window asking for a version newer than any claimed before, so one change re-runs
   * once per session however many windows are attached; the others leave their cells alone.
   */
  'live.claim': { params: In<'live.claim'>; result: { granted: boolean } };
}

/**
 * Why a live re-run waits for the user's running cell and then runs on the user's connection
 * (kernel/session/live/userLaneReason): `transaction`, the analyst's open transaction (BEGIN) changed
 * a table it reads; `temp`, it reads a TEMP object; `settings`, it runs SET or USE; `settings-differ`,
 * the live connection could not take one of the user's settings.
 */
export type LiveQueueCause = 'transaction' | 'temp' | 'settings' | 'settings-differ';

/** The analyst's transaction as the session knew it when a re-run was queued behind it. */
export interface QueuedTransaction {
  /** `unknown`: a statement that may have ended it ran, and DuckDB has not been asked since. */
  state: 'open' | 'unknown';
  /** The tables (last part of the name, lower case) its statements may have changed; `all`: one could not be placed. */
  changed: string[] | 'all';
}

/** Events a live table raises outside any run. */
export type LiveNotice =
  | {
      kind: 'event';
      type: 'live.update';
      sessionId: string;
      table: string;
      version: number;
      previousVersion: number;
      /**
       * Commit time of `version` on the server (ms); absent when the server did not tell it (no file
       * action of the version carries a timestamp). Never stood in for by the arrival or poll time.
       */
      landedAt?: number;
      /** When the local copy took it (ms). */
      arrivedAt: number;
      polledAt: number;
      rowsInserted: number;
      rowsDeleted: number;
      /** Bytes of the files this increment read. */
      bytes: number;
      /** From commit to local copy updated (ms); absent with `landedAt`. */
      lagMs?: number;
      /** Rows in the local copy after the update. */
      rowCount: number;
    }
  /**
   * A state change, with the same fields as LiveTableInfo's. A table that stops being live (live.stop,
   * its last subscriber gone) reports `stopped`.
   */
  | {
      kind: 'event';
      type: 'live.status';
      sessionId: string;
      table: string;
      state: LiveState;
      message?: string;
      code?: ErrorCode;
      retryAt?: number;
      progress?: LiveProgress;
      polledAt?: number;
      /** The version the local copy holds, once loaded. */
      version?: number;
    }
  /**
   * A live re-run (`execute` with `lane: 'live'`) waits for the user's running cell, to run on the
   * user's connection after it: the window's plan could not know (an open transaction is the
   * session's to know), so the session says which run, which cell and why.
   */
  | {
      kind: 'event';
      type: 'live.queued';
      sessionId: string;
      runId: string;
      cellId: string | null;
      cause: LiveQueueCause;
      /** The whole reason, as the run's running line says it. */
      reason: string;
      /** `cause: 'transaction'`: the transaction's state and what it changed. */
      transaction?: QueuedTransaction;
    }
  /** A queued re-run stopped waiting: it `started` on the user's connection, or was `interrupted` first. */
  | {
      kind: 'event';
      type: 'live.dequeued';
      sessionId: string;
      runId: string;
      cellId: string | null;
      outcome: 'started' | 'interrupted';
    };
