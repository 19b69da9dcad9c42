/**
 * Live tables: a shared table the session keeps current by polling its version and applying only
 * the increment to a local copy. Which cells re-run when one changes is planned in the window.
 */
import type { LiveCell } from '../../common/live/planLiveRuns';
import type { Shape } from './shape';

/** `live`: polling; `paused`: kept but not polled; `error`: polls failing, backing off; `reloading`: a full re-read. */
export type LiveState = 'live' | 'paused' | 'error' | 'reloading';

/** A code cell as the dependency plan sees it; the window plans re-runs itself (common/live/planLiveRuns). */
export type { LiveCell };

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
  /** When the session last asked the server for the version (ms). */
  polledAt?: number;
  /** From commit to local copy updated, at the last update (ms). */
  lagMs?: number;
  message?: string;
}

export interface LiveRequests {
  /** Makes a shared table live (or changes its interval); loads the local copy on first start. */
  'live.start': { params: { sessionId: string; table: string; intervalMs?: number }; result: LiveTableInfo };
  'live.pause': { params: { sessionId: string; table: string }; result: LiveTableInfo };
  'live.resume': { params: { sessionId: string; table: string }; result: LiveTableInfo };
  /** Stops polling and drops the local copy; SQL reads the table from the server again. */
  'live.stop': { params: { sessionId: string; table: string }; result: { ok: true } };
  'live.list': { params: { sessionId: string }; result: { tables: LiveTableInfo[] } };
  /** The shared tables each cell names directly (for the cell's Live switch). */
  'live.refs': { params: { sessionId: string; cells: LiveCell[] }; result: { refs: Record<string, string[]> } };
}

export const LIVE_PARAMS: Record<keyof LiveRequests, Shape> = {
  'live.start': { sessionId: 'string', table: 'string', intervalMs: 'number?' },
  'live.pause': { sessionId: 'string', table: 'string' },
  'live.resume': { sessionId: 'string', table: 'string' },
  'live.stop': { sessionId: 'string', table: 'string' },
  'live.list': { sessionId: 'string' },
  'live.refs': { sessionId: 'string', cells: 'array' },
};

/** Events a live table raises outside any run. */
export type LiveNotice =
  | {
      kind: 'event';
      type: 'live.update';
      sessionId: string;
      table: string;
      version: number;
      previousVersion: number;
      /** Commit time of `version` on the server (ms). */
      landedAt: number;
      polledAt: number;
      rowsInserted: number;
      rowsDeleted: number;
      /** Bytes of the files this increment read. */
      bytes: number;
      /** From commit to local copy updated (ms). */
      lagMs: number;
      /** Rows in the local copy after the update. */
      rowCount: number;
    }
  /** A state change; a table that stopped being live (live.stop, its last subscriber gone) reports `paused` with message `stopped`. */
  | { kind: 'event'; type: 'live.status'; sessionId: string; table: string; state: LiveState; message?: string };
