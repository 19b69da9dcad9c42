/**
 * The `live.queued` notice of a live re-run that waits for the user's running cell. The window planned
 * it to go beside that cell and shows it running; only the session knows it waits (the analyst's open
 * transaction, a TEMP object), so it tells the window, and the cell's badge says the re-run is queued and why.
 */
import type { TransactionView } from '../../engine/UserTransaction';
import type { SessionNoticeBody } from '../../protocol';
import type { LaneWait } from './userLaneReason';

export function queuedNotice(run: { runId: string; cellId: string | null }, wait: LaneWait, txn: TransactionView): SessionNoticeBody {
  const open = txn.state === 'open' || txn.state === 'unknown';
  return {
    type: 'live.queued',
    runId: run.runId,
    cellId: run.cellId,
    cause: wait.cause,
    reason: wait.reason,
    ...(wait.cause === 'transaction' && open
      ? { transaction: { state: txn.state as 'open' | 'unknown', changed: txn.changed === 'all' ? 'all' : [...txn.changed].sort() } }
      : {}),
  };
}
