/**
 * Why a live re-run cannot run in the live lane and must run in the user's lane instead: it names a
 * TEMP object of the user's connection (no other connection can read it: a Catalog Error there),
 * or it runs SET or USE itself (which must change the user's connection, not the live one),
 * or the live connection may not have the user's settings (`liveDiffers` says why: it would give other numbers),
 * or the user's own transaction (BEGIN) is open: only the user's connection sees what it changed, and a
 * re-run on the live connection would read the committed rows, other numbers than the user's cells show.
 * An aborted transaction (an error in it, before ROLLBACK) keeps none of its changes: every query there
 * fails until ROLLBACK, after which the user's cells read the committed rows, as the live lane does.
 * Null when the live lane gives what the user's lane would.
 *
 * Names are matched as words anywhere in the cell (SQL or TypeScript, strings and comments too):
 * a false match only makes a re-run wait for the user's cell, never makes one fail.
 */
import { changesSettings, MAYBE_TRANSACTION_REASON, SETTINGS_REASON, TRANSACTION_REASON } from '../../../common/live/connectionLocal';
import type { TransactionState } from '../../engine/UserTransaction';

export interface LaneStateView {
  tempNames: ReadonlySet<string>;
  liveDiffers: string | null;
  /** Whether the user's connection is inside a transaction its SQL opened (LaneState.transaction). */
  transaction: TransactionState;
}

const WORD = /"((?:[^"]|"")+)"|[A-Za-z_][\w$]*/g;

export function userLaneReason(cell: { language: 'sql' | 'typescript'; code: string }, lanes: LaneStateView): string | null {
  if (lanes.liveDiffers) return lanes.liveDiffers;
  if (lanes.transaction === 'open') return TRANSACTION_REASON;
  if (lanes.transaction === 'unknown') return MAYBE_TRANSACTION_REASON;
  // Its SET would change the live connection only, not the user's, where the cells below run.
  if (changesSettings(cell)) return SETTINGS_REASON;
  const code = cell.code;
  if (lanes.tempNames.size === 0) return null;
  for (const m of code.matchAll(WORD)) {
    const word = (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[0]).toLowerCase();
    if (lanes.tempNames.has(word)) return `it reads the TEMP object ${word}, which only the user's connection has`;
  }
  return null;
}
