/**
 * The column profile of a result: per column its type, null share, approximate distinct count,
 * min, max, mean, and a histogram (numbers, dates) or its top values, all computed by DuckDB over
 * every row of the result (not the page on screen).
 */
import { useEffect, useState } from 'react';
import type { ColumnProfile, HistogramBin } from '../../../kernel/protocol/results';
import type { ResultApi } from './useResultApi';
import { distinctShown } from './distinctShown';
import { profileNote } from './profileNote';

type Profile = { rowCount: number; columns: ColumnProfile[] };

function binLabel(v: number, kind: ColumnProfile['kind']): string {
  if (kind === 'temporal') return new Date(v * 1000).toISOString().slice(0, 10);
  return v.toLocaleString(undefined, { maximumSignificantDigits: 6 });
}

function Histogram({ bins, kind }: { bins: HistogramBin[]; kind: ColumnProfile['kind'] }) {
  const max = Math.max(1, ...bins.map((b) => b.count));
  const w = 180;
  const h = 44;
  const bw = w / bins.length;
  return (
    <svg className="colprof-hist" viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" role="img" aria-label="Histogram">
      {bins.map((b, i) => {
        const bh = b.count === 0 ? 0 : Math.max(1, (b.count / max) * (h - 2));
        return (
          <rect key={i} x={i * bw + 0.5} y={h - bh} width={Math.max(1, bw - 1)} height={bh}>
            <title>{`${binLabel(b.lo, kind)} – ${binLabel(b.hi, kind)}: ${b.count.toLocaleString()}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

function Stat({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd title={title ?? value} data-stat={label}>
        {value}
      </dd>
    </>
  );
}

function ColumnCard({ c, rowCount }: { c: ColumnProfile; rowCount: number }) {
  const distinct = distinctShown(c, rowCount);
  const maxTop = Math.max(1, ...(c.top ?? []).map((t) => t.count));
  return (
    <section className="colprof-card" data-testid="profile-column" data-column={c.name}>
      <header>
        <span className="colprof-name">{c.name}</span>
        <span className="colprof-type">{c.type}</span>
      </header>
      <dl>
        <Stat
          label="nulls"
          value={`${c.nullPercent.toFixed(c.nullPercent > 0 && c.nullPercent < 0.1 ? 3 : 1)}%`}
          title={`${c.nulls} nulls`}
        />
        {c.distinctExact ? (
          <Stat label="distinct" value={distinct.toLocaleString()} title={`${distinct} (exact)`} />
        ) : (
          <Stat label="distinct ≈" value={distinct.toLocaleString()} title={`${distinct} (approximate)`} />
        )}
        <Stat label="min" value={c.min ?? '—'} />
        <Stat label="max" value={c.max ?? '—'} />
        {c.mean !== null && (
          <Stat label="mean" value={c.mean.toLocaleString(undefined, { maximumSignificantDigits: 8 })} title={String(c.mean)} />
        )}
      </dl>
      {c.histogram && (
        <>
          <Histogram bins={c.histogram} kind={c.kind} />
          <div className="colprof-axis">
            <span>{binLabel(c.histogram[0].lo, c.kind)}</span>
            <span>{binLabel(c.histogram[c.histogram.length - 1].hi, c.kind)}</span>
          </div>
        </>
      )}
      {c.top && (
        <ol className="colprof-top">
          {c.top.map((t, i) => (
            <li key={i}>
              <span className="colprof-top-bar" style={{ width: `${(t.count / maxTop) * 100}%` }} />
              <span className={`colprof-top-value${t.value === null ? ' null' : ''}`}>{t.value ?? 'NULL'}</span>
              <span className="colprof-top-count">{t.count.toLocaleString()}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function ProfilePanel({ api, handle, onClose }: { api: ResultApi; handle: string; onClose(): void }) {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setProfile(null);
    setError(null);
    api.profile(handle).then(
      (p) => live && setProfile(p),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, handle]);

  return (
    <div className="colprof-panel" role="region" aria-label="Column profile" data-testid="profile-panel">
      <div className="colprof-head">
        <strong>Column profile</strong>
        <span className="colprof-note">{profile ? profileNote(profile) : error ? '' : 'Profiling every row…'}</span>
        <button type="button" className="btn btn-ghost btn-small" aria-label="Close profile" onClick={onClose}>
          ×
        </button>
      </div>
      {error && <div className="grid-error colprof-error">Could not profile the result: {error}</div>}
      {profile && (
        <div className="colprof-cards">
          {profile.columns.map((c) => (
            <ColumnCard key={c.name} c={c} rowCount={profile.rowCount} />
          ))}
        </div>
      )}
    </div>
  );
}
