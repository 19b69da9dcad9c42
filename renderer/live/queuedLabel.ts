/**
 * What a cell's badge says when the session holds its live re-run back until the user's running cell
 * ends (`live.queued`): a few words after "queued:" (the badge is short), and the session's whole
 * reason for the tooltip and screen readers.
 */
import type { QueuedRerun } from './useLive';

export function queuedWords(q: Pick<QueuedRerun, 'cause' | 'transaction'>): string {
  switch (q.cause) {
    case 'transaction':
      return q.transaction?.state === 'unknown' ? 'your transaction (BEGIN) may be open' : 'your transaction (BEGIN) is open';
    case 'temp':
      return 'it reads a TEMP object';
    case 'settings':
      return 'its SET or USE';
    case 'settings-differ':
      return 'a setting only your connection has';
  }
}

/** The tooltip: the change, where and when it re-runs, and the session's reason. */
export function queuedTitle(q: QueuedRerun, table: string, version: number): string {
  const changed = `${table} changed to v${version}`;
  return `${changed}; its re-run waits for the running cell, then runs in your connection: ${q.reason}`;
}
