/** Short texts for live tables: "12 s ago", "lag 1.4 s", "+3 −1 rows". */

export function ago(ms: number | undefined, now: number): string {
  if (ms === undefined) return '—';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min ago` : `${Math.round(m / 60)} h ago`;
}

export function duration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

export function rowDelta(inserted: number, deleted: number): string {
  return `+${inserted.toLocaleString('en-US')} −${deleted.toLocaleString('en-US')} rows`;
}
