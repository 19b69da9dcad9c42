/**
 * Why a live re-run cannot run in the live lane and must run in the user's lane instead: it names a
 * TEMP object of the user's connection (no other connection can read it: a Catalog Error there),
 * or it runs SET or USE itself (which must change the user's connection, not the live one),
 * or the live connection may not have the user's settings (`liveDiffers` says why: it would give other numbers),
 * or it reads a table the user's own open transaction (BEGIN) changed: only the user's connection sees
 * those changes, and a re-run on the live connection would read the committed rows, other numbers than
 * the user's cells show. Only those: inside the transaction a re-run reads the database as it was at
 * BEGIN (DuckDB's snapshot), so a live table's new version, and a live copy made since, would be missing.
 * An aborted transaction (an error in it, before ROLLBACK) keeps none of its changes: every query there
 * fails until ROLLBACK, after which the user's cells read the committed rows, as the live lane does.
 * Null when the live lane gives what the user's lane would.
 *
 * Names are matched as words anywhere in the cell (SQL or TypeScript, strings and comments too):
 * a false match only makes a re-run wait for the user's cell, never makes one fail.
 */
import { changesSettings, SETTINGS_REASON, transactionReason } from '../../../common/live/connectionLocal';
import type { TransactionView } from '../../engine/UserTransaction';
import type { LiveQueueCause } from '../../protocol/live';

export interface LaneStateView {
  tempNames: ReadonlySet<string>;
  liveDiffers: string | null;
  /** Whether the user's connection is inside a transaction its SQL opened, and what it changed (LaneState.transaction). */
  transaction: TransactionView;
}

const WORD = /"((?:[^"]|"")+)"|[A-Za-z_][\w$]*/g;

/** Why a live re-run waits: the words (the running line says them) and what kind of reason it is. */
export interface LaneWait {
  cause: LiveQueueCause;
  reason: string;
}

export function userLaneReason(cell: { language: 'sql' | 'typescript'; code: string }, lanes: LaneStateView): string | null {
  return laneWait(cell, lanes)?.reason ?? null;
}

export function laneWait(cell: { language: 'sql' | 'typescript'; code: string }, lanes: LaneStateView): LaneWait | null {
  if (lanes.liveDiffers) return { cause: 'settings-differ', reason: lanes.liveDiffers };
  const { state, changed } = lanes.transaction;
  if (state === 'open' || state === 'unknown') {
    if (changed === 'all') return { cause: 'transaction', reason: transactionReason(null, state === 'open') };
    const table = changed.size > 0 ? namedIn(cell.code, changed) : null;
    if (table) return { cause: 'transaction', reason: transactionReason(table, state === 'open') };
  }
  // Its SET would change the live connection only, not the user's, where the cells below run.
  if (changesSettings(cell)) return { cause: 'settings', reason: SETTINGS_REASON };
  const code = cell.code;
  if (lanes.tempNames.size === 0) return null;
  const temp = namedIn(code, lanes.tempNames);
  return temp ? { cause: 'temp', reason: `it reads the TEMP object ${temp}, which only the user's connection has` } : null;
}

/**
 * The first word of `code` (lower case, quoted ones unquoted) that is one of `names`. A double-quoted
 * span is also searched word by word: in a TypeScript cell it is a string, `query("SELECT … FROM t")`.
 */
function namedIn(code: string, names: ReadonlySet<string>): string | null {
  for (const m of code.matchAll(WORD)) {
    const word = (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[0]).toLowerCase();
    if (names.has(word)) return word;
    if (m[1] !== undefined) {
      const inner = namedIn(m[1].replace(/"/g, ' '), names);
      if (inner) return inner;
    }
  }
  return null;
}
