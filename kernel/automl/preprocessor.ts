/**
 * Turns raw columns into model features, with every rule learnt from the training rows: numbers stay
 * numbers (NaN = missing, handled by each model), categories become integer codes by frequency (rare
 * and unseen ones share an "other" code), datetimes expand into parts. Serialisable, so a saved model
 * carries its own preprocessing.
 */
import type { AutoMLTable, AutoMLValue } from './table';
import type { ColumnProfile } from './profile';
import { isMissing } from './profile';

/** Columnar features: numeric values, or category codes for categorical features (NaN = missing). */
export interface FeatureMatrix {
  names: string[];
  cols: Float64Array[];
  isCat: boolean[];
  /** Number of codes per categorical feature (0 for numeric). */
  nCats: number[];
  n: number;
}

interface Step {
  source: string;
  kind: 'numeric' | 'categorical' | 'boolean' | 'datetime';
  /** Categories in code order; the last one is "other" when `other` is set. */
  categories?: string[];
  other?: boolean;
  /** Datetime parts kept (those that vary in training). */
  parts?: DatePart[];
}

type DatePart = 'year' | 'month' | 'day' | 'weekday' | 'hour' | 'days';
const DATE_PARTS: DatePart[] = ['year', 'month', 'day', 'weekday', 'hour', 'days'];
/** Codes past this many categories go to "other" so every code fits in one histogram bin. */
const MAX_CATEGORIES = 250;
const MIN_CATEGORY_COUNT = 3;

export interface PreprocessorJSON {
  steps: Step[];
}

export class Preprocessor {
  private constructor(readonly steps: Step[]) {}

  static fit(table: AutoMLTable, columns: ColumnProfile[], rows: ArrayLike<number>): Preprocessor {
    const steps: Step[] = [];
    for (const cp of columns) {
      if (!cp.used) continue;
      const values = table.columns.find((c) => c.name === cp.name)!.values as ArrayLike<AutoMLValue>;
      if (cp.kind === 'numeric' || cp.kind === 'numeric-string') steps.push({ source: cp.name, kind: 'numeric' });
      else if (cp.kind === 'datetime') {
        const seen = DATE_PARTS.map(() => new Set<number>());
        for (let i = 0; i < rows.length; i++) {
          const t = toTime(values[rows[i]]);
          if (!Number.isNaN(t)) DATE_PARTS.forEach((p, k) => seen[k].add(datePart(t, p)));
        }
        steps.push({ source: cp.name, kind: 'datetime', parts: DATE_PARTS.filter((_, k) => seen[k].size > 1) });
      } else {
        const counts = new Map<string, number>();
        for (let i = 0; i < rows.length; i++) {
          const v = values[rows[i]];
          if (!isMissing(v)) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
        }
        const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
        const kept = sorted.filter(([, c], i) => i < MAX_CATEGORIES && (c >= MIN_CATEGORY_COUNT || i < 2)).map(([k]) => k);
        const other = kept.length < sorted.length;
        steps.push({
          source: cp.name,
          kind: cp.kind === 'boolean' ? 'boolean' : 'categorical',
          categories: other ? [...kept, '(other)'] : kept,
          other,
        });
      }
    }
    return new Preprocessor(steps);
  }

  static fromJSON(j: PreprocessorJSON): Preprocessor {
    return new Preprocessor(j.steps);
  }

  toJSON(): PreprocessorJSON {
    return { steps: this.steps };
  }

  /** Names of the raw columns the model reads. */
  get inputColumns(): string[] {
    return this.steps.map((s) => s.source);
  }

  /** Features of the given rows (all rows when omitted; `total` counts them when the table has no columns). */
  transform(
    table: AutoMLTable,
    rows?: ArrayLike<number>,
    total = table.columns.length ? table.columns[0].values.length : 0,
  ): FeatureMatrix {
    const n = rows ? rows.length : total;
    const at = (i: number) => (rows ? rows[i] : i);
    const fm: FeatureMatrix = { names: [], cols: [], isCat: [], nCats: [], n };
    for (const s of this.steps) {
      const col = table.columns.find((c) => c.name === s.source);
      const values = (col?.values ?? []) as ArrayLike<AutoMLValue>;
      if (s.kind === 'numeric') {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = toNumber(values[at(i)]);
        push(fm, s.source, out, 0);
      } else if (s.kind === 'datetime') {
        const times = new Float64Array(n);
        for (let i = 0; i < n; i++) times[i] = toTime(values[at(i)]);
        for (const p of s.parts!) {
          const out = new Float64Array(n);
          for (let i = 0; i < n; i++) out[i] = Number.isNaN(times[i]) ? NaN : datePart(times[i], p);
          push(fm, `${s.source}.${p}`, out, 0);
        }
      } else {
        const cats = s.categories!;
        const code = new Map(cats.map((c, i) => [c, i]));
        const otherCode = s.other ? cats.length - 1 : NaN;
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const v = values[at(i)];
          out[i] = isMissing(v) ? NaN : (code.get(String(v)) ?? otherCode);
        }
        push(fm, s.source, out, cats.length);
      }
    }
    return fm;
  }
}

function push(fm: FeatureMatrix, name: string, col: Float64Array, nCats: number): void {
  fm.names.push(name);
  fm.cols.push(col);
  fm.isCat.push(nCats > 0);
  fm.nCats.push(nCats);
}

function toNumber(v: AutoMLValue | undefined): number {
  if (v === null || v === undefined || v === '') return NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.getTime();
  const x = Number(v);
  return Number.isFinite(x) ? x : NaN;
}

/** A date, a date string or epoch milliseconds as epoch milliseconds (NaN when it is none of them). */
export function toTime(v: AutoMLValue | undefined): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string' && v !== '') return Date.parse(v.includes('T') || v.length <= 10 ? v : v.replace(' ', 'T'));
  if (typeof v === 'number') return v;
  return NaN;
}

function datePart(t: number, p: DatePart): number {
  const d = new Date(t);
  switch (p) {
    case 'year':
      return d.getUTCFullYear();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'day':
      return d.getUTCDate();
    case 'weekday':
      return d.getUTCDay();
    case 'hour':
      return d.getUTCHours();
    case 'days':
      return Math.floor(t / 86_400_000);
  }
}
