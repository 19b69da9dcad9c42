/**
 * Live tables: a shared table the session keeps current by polling its version and applying only
 * the increment to a local copy. Which cells re-run when one changes is planned in the window.
 */
import * as s from '../../common/schema';
import type { LiveCell } from '../../common/live/planLiveRuns';
import { CODE_LANGUAGES } from './notebook';

/** `live`: polling; `paused`: kept but not polled; `error`: polls failing, backing off; `reloading`: a full re-read. */
export type LiveState = 'live' | 'paused' | 'error' | 'reloading';

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
  /** When the session last asked the server for the version (ms). */
  polledAt?: number;
  /** From commit to local copy updated, at the last update (ms). */
  lagMs?: number;
  message?: string;
}

/** The params of each live request, checked at run time; their types below are inferred from these. */
export const LIVE_PARAMS = {
  'live.start': s.object({ sessionId: s.string(), table: s.string(), intervalMs: s.optional(s.number()) }),
  'live.pause': s.object({ sessionId: s.string(), table: s.string() }),
  'live.resume': s.object({ sessionId: s.string(), table: s.string() }),
  'live.stop': s.object({ sessionId: s.string(), table: s.string() }),
  'live.list': s.object({ sessionId: s.string() }),
  'live.refs': s.object({ sessionId: s.string(), cells: s.array(liveCell) }),
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
