/**
 * A code cell's live controls in its header: a Live switch when the cell names shared tables, and
 * when a live table feeds it, a badge (state dot, table version) and its auto/manual re-run switch.
 * A manual cell its tables moved past says "stale since vN", with Run and a switch back to auto; a
 * cell whose re-run waits for the user's running cell (it depends on it) says "queued" instead of Run.
 * A cell that has not run yet says so in its badge: the version there is its table's, not its output's.
 * A re-run the session holds back (`live.queued`: the analyst's open transaction changed a table it
 * reads, say) says "queued:" and why, until it starts.
 */
import type { CodeCell } from '../../kernel/protocol/notebook';
import { useLiveTables } from './LiveContext';
import { LiveDot } from './LiveStrip';
import type { LiveApi, LiveEntry, Staleness } from './useLive';
import { queuedTitle, queuedWords } from './queuedLabel';
import './CellLiveControls.css';

/** The state the badge's dot shows for the tables feeding a cell: the worst of theirs. */
function feedState(feeding: LiveEntry[]): LiveEntry['state'] {
  for (const s of ['error', 'stopped', 'catching-up', 'paused'] as const) if (feeding.some((t) => t.state === s)) return s;
  return 'live';
}

function staleTitle(stale: Staleness): string {
  const changed = `${stale.table} changed to v${stale.version}`;
  switch (stale.why) {
    case 'manual':
      return `${changed} after this cell last ran; it re-runs by hand only`;
    case 'elsewhere':
      return `${changed}; another window on this session re-ran this cell, Run shows it here`;
    case 'waiting':
      return stale.because
        ? `${changed}; this cell re-runs once the running cell ends, in the same connection: ${stale.because}`
        : `${changed}; this cell uses what the running cell makes, so it re-runs once that cell ends`;
    case 'skipped':
      return `${changed}; its re-run did not happen (a cell before it failed or the run was interrupted)`;
    case 'queued':
      return `${changed}; ${stale.because ?? 'its re-run waits for the running cell'}`;
  }
}

/** A re-run the session holds back, as a staleness: the change it re-runs for (else its table's version now) and why. */
function queuedStale(live: LiveApi, cellId: string): (Staleness & { words: string }) | undefined {
  const q = live.queued[cellId];
  if (!q) return undefined;
  const table = q.table ?? live.dependents[cellId]?.[0];
  if (!table) return undefined;
  const version = q.version ?? live.tables[table]?.version ?? 0;
  const title = queuedTitle(q, table, version);
  return { table, version, why: 'queued', because: title.slice(title.indexOf('; ') + 2), words: queuedWords(q) };
}

export function CellLiveControls({ cell }: { cell: CodeCell }) {
  const live = useLiveTables();
  if (!live) return null;
  const named = live.refs[cell.id] ?? [];
  const feeding = (live.dependents[cell.id] ?? []).map((t) => live.tables[t]).filter(Boolean);
  const manual = cell.live === 'manual';
  const queued = queuedStale(live, cell.id);
  const stale = queued ?? live.stale[cell.id];
  const on = cell.live === 'auto' || (named.length > 0 && named.every((t) => live.tables[t] && live.tables[t].state !== 'stopped'));
  const state = feedState(feeding);
  return (
    <>
      {stale && (
        <span className="live-stale" data-testid="live-stale" data-why={stale.why} title={staleTitle(stale)}>
          {/* The words are the live region; the reason is read with them, not only shown on hover. */}
          <span role="status" aria-label={`stale since v${stale.version}: ${staleTitle(stale)}`}>
            stale since v{stale.version}
            {stale.why === 'waiting' && <span className="live-stale-queued"> · queued</span>}
            {stale.why === 'skipped' && <span className="live-stale-queued"> · skipped</span>}
            {queued && <span className="live-stale-queued"> · queued: {queued.words}</span>}
          </span>
          {stale.why !== 'waiting' && !queued && (
            <button
              className="btn btn-ghost live-btn"
              data-testid="live-stale-run"
              aria-label={`Run this cell: ${staleTitle(stale)}`}
              onClick={() => live.runCell(cell.id)}
            >
              Run
            </button>
          )}
        </span>
      )}
      {feeding.length > 0 && (
        <span
          className={`live-badge${manual ? ' live-badge-manual' : ''}`}
          data-testid="live-badge"
          data-state={state}
          title={
            feeding.map((t) => `${t.table} v${t.version} (${t.state})`).join('\n') +
            (cell.executionCount === null ? '\nThis cell has not run yet: it shows no data of these versions' : '')
          }
        >
          <LiveDot state={manual && state === 'live' ? 'paused' : state} />
          <span data-testid="live-badge-version">v{feeding.map((t) => t.version).join(', v')}</span>
          {/* The version is its table's: a cell that has not run yet shows nothing of it. */}
          {cell.executionCount === null && (
            <span className="live-badge-notrun" data-testid="live-badge-notrun">
              not run
            </span>
          )}
          <button
            className="live-mode"
            data-testid="live-mode"
            aria-pressed={!manual}
            title={
              manual
                ? 'Re-run by hand only; click to re-run when the table changes'
                : 'Re-runs when the table changes; click to re-run by hand only'
            }
            onClick={() => live.setManual(cell.id, !manual)}
          >
            {manual ? 'manual' : 'auto'}
          </button>
        </span>
      )}
      {named.length > 0 && (
        <button
          className={`live-toggle${on ? ' on' : ''}`}
          data-testid="cell-live-toggle"
          aria-pressed={on}
          title={on ? `Stop keeping ${named.join(', ')} live` : `Keep ${named.join(', ')} live: re-run this cell as new versions land`}
          onClick={() => live.toggleCell(cell.id)}
        >
          Live
        </button>
      )}
    </>
  );
}
