/**
 * How far new data has moved from the data a model was trained on, per input column and for the
 * model's predictions. PSI (population stability index) for every column: numeric values binned at
 * the reference's deciles, categories by value (each bin floored at a small share, so an empty bin
 * stays finite); the two-sample Kolmogorov-Smirnov statistic too for numeric columns. The usual PSI
 * reading: under 0.1 stable, 0.1-0.25 moderate shift, over 0.25 major shift.
 */
import type { AutoMLValue } from '../table';

export interface DriftRow {
  column: string;
  kind: 'numeric' | 'categorical';
  psi: number;
  /** Largest gap between the two empirical CDFs (numeric columns only). */
  ks: number | null;
  level: 'stable' | 'moderate' | 'major';
  /** Non-missing values compared. */
  referenceCount: number;
  currentCount: number;
}

const FLOOR = 1e-4;

export function driftLevel(psi: number): DriftRow['level'] {
  return psi < 0.1 ? 'stable' : psi <= 0.25 ? 'moderate' : 'major';
}

function psiOf(ref: number[], cur: number[]): number {
  const rt = ref.reduce((a, b) => a + b, 0) || 1;
  const ct = cur.reduce((a, b) => a + b, 0) || 1;
  let s = 0;
  for (let i = 0; i < ref.length; i++) {
    const p = Math.max(ref[i] / rt, FLOOR),
      q = Math.max(cur[i] / ct, FLOOR);
    s += (q - p) * Math.log(q / p);
  }
  return s;
}

export function numericDrift(column: string, reference: number[], current: number[]): DriftRow {
  const ref = reference.filter(Number.isFinite).sort((a, b) => a - b);
  const cur = current.filter(Number.isFinite).sort((a, b) => a - b);
  // Decile edges of the reference; repeated edges collapse so heavy ties form one bin.
  const edges = [...new Set(Array.from({ length: 9 }, (_, k) => ref[Math.floor(((k + 1) * ref.length) / 10)]))].filter(
    (e) => e !== undefined,
  );
  const bin = (v: number) => {
    let b = 0;
    while (b < edges.length && v > edges[b]) b++;
    return b;
  };
  const rc = new Array(edges.length + 1).fill(0),
    cc = new Array(edges.length + 1).fill(0);
  for (const v of ref) rc[bin(v)]++;
  for (const v of cur) cc[bin(v)]++;
  const psi = ref.length && cur.length ? psiOf(rc, cc) : NaN;
  return { column, kind: 'numeric', psi, ks: ks(ref, cur), level: driftLevel(psi), referenceCount: ref.length, currentCount: cur.length };
}

/** Two-sample KS statistic of two sorted arrays. */
export function ks(a: number[], b: number[]): number {
  if (!a.length || !b.length) return NaN;
  let i = 0,
    j = 0,
    d = 0;
  while (i < a.length && j < b.length) {
    const v = Math.min(a[i], b[j]);
    while (i < a.length && a[i] <= v) i++;
    while (j < b.length && b[j] <= v) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

export function categoricalDrift(column: string, reference: AutoMLValue[], current: AutoMLValue[]): DriftRow {
  const key = (v: AutoMLValue) => (v instanceof Date ? v.toISOString() : String(v));
  const ref = reference.filter((v) => v !== null && v !== undefined).map(key);
  const cur = current.filter((v) => v !== null && v !== undefined).map(key);
  const cats = [...new Set([...ref, ...cur])];
  const index = new Map(cats.map((c, i) => [c, i]));
  const rc = new Array(cats.length).fill(0),
    cc = new Array(cats.length).fill(0);
  for (const v of ref) rc[index.get(v)!]++;
  for (const v of cur) cc[index.get(v)!]++;
  const psi = ref.length && cur.length ? psiOf(rc, cc) : NaN;
  return { column, kind: 'categorical', psi, ks: null, level: driftLevel(psi), referenceCount: ref.length, currentCount: cur.length };
}
