/**
 * The "Live" strip under the toolbar: every live table with exactly one state (live, paused,
 * catching up, error, stopped), its version, the facts of that state, and the actions it allows.
 */
import { useLiveTables } from './LiveContext';
import { ago, duration, rowDelta } from './formatLive';
import { liveStatusView, versionLine, type LiveAction } from './liveStatus';
import type { LiveEntry } from './useLive';
import { useNow } from './useNow';
import './LiveStrip.css';

export function LiveStrip() {
  const live = useLiveTables();
  const now = useNow();
  const entries = Object.values(live?.tables ?? {}).sort((a, b) => a.table.localeCompare(b.table));
  if (!live || entries.length === 0) return null;
  return (
    <section className="live-strip" data-testid="live-strip" aria-label="Live tables">
      <span className="live-strip-title">Live</span>
      {entries.map((t) => (
        <LiveTableItem key={t.table} entry={t} now={now} />
      ))}
    </section>
  );
}

const ACTIONS: Record<LiveAction, { label: string; title: string }> = {
  pause: { label: 'Pause', title: 'Stop polling for now; SQL keeps reading the local copy' },
  resume: { label: 'Resume', title: 'Poll this table again' },
  retry: { label: 'Retry', title: 'Try again now (it will not retry by itself: retrying could not help)' },
  start: { label: 'Start', title: 'Keep this table live again' },
  stop: { label: 'Stop', title: 'Stop keeping this table live' },
  dismiss: { label: '×', title: 'Remove from the strip' },
};

function LiveTableItem({ entry: t, now }: { entry: LiveEntry; now: number }) {
  const live = useLiveTables()!;
  const view = liveStatusView(t, now);
  const run: Record<LiveAction, () => void> = {
    pause: () => live.pause(t.table),
    resume: () => live.resume(t.table),
    retry: () => live.resume(t.table),
    start: () => live.start(t.table),
    stop: () => live.stop(t.table),
    dismiss: () => live.dismiss(t.table),
  };
  const title = [
    `${t.table}: ${view.label}${t.message ? ` — ${t.message}` : ''}`,
    `polls every ${duration(t.intervalMs)}; reads ${t.mode === 'cdf' ? 'the change data feed' : 'added and removed files'}`,
    `last checked ${ago(t.polledAt, now)}`,
    versionLine(t, now),
    t.lastChange
      ? `last change: ${rowDelta(t.lastChange.inserted, t.lastChange.deleted)}, ${t.lastChange.bytes.toLocaleString('en-US')} bytes`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <span className={`live-item live-is-${view.dot}`} data-testid="live-item" data-table={t.table} data-state={t.state} title={title}>
      <LiveDot state={view.dot} />
      <span className="live-name">{t.table}</span>
      <span className="live-version" data-testid="live-version">
        {t.version >= 0 ? `v${t.version}` : '—'}
      </span>
      <span className="live-state" data-testid="live-state">
        {view.label}
      </span>
      {view.facts.map((f) => (
        <span key={f} className="live-fact">
          {f}
        </span>
      ))}
      {view.reason && (
        <span className={`live-fact live-reason${t.state === 'error' ? ' live-error' : ''}`} data-testid="live-reason">
          {view.reason}
        </span>
      )}
      {view.actions.map((a) => (
        <button
          key={a}
          className={`btn btn-ghost live-btn${a === 'dismiss' ? ' live-dismiss' : ''}`}
          data-testid={`live-${a}`}
          onClick={run[a]}
          title={ACTIONS[a].title}
          aria-label={a === 'dismiss' ? `Remove ${t.table} from the strip` : undefined}
        >
          {ACTIONS[a].label}
        </button>
      ))}
    </span>
  );
}

export function LiveDot({ state }: { state: LiveEntry['state'] | 'overdue' }) {
  return <span className={`live-dot live-dot-${state}`} aria-hidden="true" />;
}
