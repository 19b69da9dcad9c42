/** The "Live" strip under the toolbar: every live table, its version, when it landed, lag, and controls. */
import { useLiveTables } from './LiveContext';
import { ago, duration, rowDelta } from './formatLive';
import type { LiveEntry } from './useLive';
import { useNow } from './useNow';

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

function LiveTableItem({ entry: t, now }: { entry: LiveEntry; now: number }) {
  const live = useLiveTables()!;
  const title = [
    `${t.table}: ${t.state}${t.message ? ` — ${t.message}` : ''}`,
    `polls every ${duration(t.intervalMs)}; reads ${t.mode === 'cdf' ? 'the change data feed' : 'added and removed files'}`,
    `last asked ${ago(t.polledAt, now)}`,
    t.lastChange
      ? `last change: ${rowDelta(t.lastChange.inserted, t.lastChange.deleted)}, ${t.lastChange.bytes.toLocaleString('en-US')} bytes`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <span className={`live-item live-${t.state}`} data-testid="live-item" data-table={t.table} data-state={t.state} title={title}>
      <LiveDot state={t.state} />
      <span className="live-name">{t.table}</span>
      <span className="live-version" data-testid="live-version">
        v{t.version}
      </span>
      <span className="live-fact">landed {ago(t.landedAt, now)}</span>
      {t.lagMs !== undefined && <span className="live-fact">lag {duration(t.lagMs)}</span>}
      {t.state === 'error' && <span className="live-fact live-error">{t.message ?? 'error'}</span>}
      {t.state === 'paused' ? (
        <button
          className="btn btn-ghost live-btn"
          data-testid="live-resume"
          onClick={() => live.resume(t.table)}
          title="Poll this table again"
        >
          Resume
        </button>
      ) : (
        <button
          className="btn btn-ghost live-btn"
          data-testid="live-pause"
          onClick={() => live.pause(t.table)}
          title="Stop polling for now; SQL keeps reading the local copy"
        >
          Pause
        </button>
      )}
      <button
        className="btn btn-ghost live-btn"
        data-testid="live-stop"
        onClick={() => live.stop(t.table)}
        title="Stop keeping this table live"
      >
        Stop
      </button>
    </span>
  );
}

export function LiveDot({ state }: { state: LiveEntry['state'] }) {
  return <span className={`live-dot live-dot-${state}`} aria-hidden="true" />;
}
