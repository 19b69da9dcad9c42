/**
 * Why a live re-run cannot run in the live lane and must run in the user's lane instead: it names a
 * TEMP object of the user's connection (no other connection can read it: a Catalog Error there),
 * or it runs SET or USE itself (which must change the user's connection, not the live one),
 * or the live connection may not have the user's settings (`liveDiffers` says why: it would give other numbers).
 * Null when the live lane gives what the user's lane would.
 *
 * Names are matched as words anywhere in the cell (SQL or TypeScript, strings and comments too):
 * a false match only makes a re-run wait for the user's cell, never makes one fail.
 */
import { changesSettings, SETTINGS_REASON } from '../../../common/live/connectionLocal';

export interface LaneStateView {
  tempNames: ReadonlySet<string>;
  liveDiffers: string | null;
}

const WORD = /"((?:[^"]|"")+)"|[A-Za-z_][\w$]*/g;

export function userLaneReason(cell: { language: 'sql' | 'typescript'; code: string }, lanes: LaneStateView): string | null {
  if (lanes.liveDiffers) return lanes.liveDiffers;
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
