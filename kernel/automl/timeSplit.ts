/**
 * Time-aware validation: which column orders the rows in time (guessed from the profile when the user
 * does not say), and how the split that was used reads in the report and the leaderboard header.
 */
import type { ColumnProfile } from './profile';
import { toTime } from './preprocessor';
import type { AutoMLTable, AutoMLValue } from './table';
import { TIME_VALID_FRACTION } from './timeFolds';

/** Names of times written when something ends or changes, not when the row's event happened. */
const LATER_TIME = /updated|modified|changed|deliver|closed|ended|finish|cancel|refund|resolved|_end|end_/i;
const EVENT_TIME = /date|time|_at$|^at$|day|created|placed|ordered|listed|start|timestamp|period/i;

/**
 * A date or timestamp column to split on: not flagged, mostly present, with many distinct times;
 * names of the row's own event time (`order_date`, `placed_at`) beat those of later updates.
 */
export function guessTimeColumn(columns: ColumnProfile[], rows: number): string | null {
  const candidates = columns.filter((c) => c.kind === 'datetime' && !c.flag && !c.excluded && c.missing <= 0.05 * rows && c.distinct >= 10);
  const score = (c: ColumnProfile) => (LATER_TIME.test(c.name) ? 0 : EVENT_TIME.test(c.name) ? 2 : 1) - c.missing / Math.max(1, rows);
  return candidates.sort((a, b) => score(b) - score(a))[0]?.name ?? null;
}

/** The time of each of `rows` (NaN when missing or not a time). */
export function timesOf(table: AutoMLTable, column: string, rows: ArrayLike<number>): Float64Array {
  const values = table.columns.find((c) => c.name === column)!.values as ArrayLike<AutoMLValue>;
  return Float64Array.from(rows as ArrayLike<number>, (r) => toTime(values[r]));
}

export interface SplitInfo {
  kind: 'cv' | 'holdout' | 'time';
  /** The column the time split ordered rows by. */
  timeColumn?: string;
  /** Newest training time and oldest validation time (ISO) of the last fold, whose slice is the newest rows. */
  trainUntil?: string;
  validFrom?: string;
  /** The rolling folds of a time split, oldest first. */
  folds?: TimeFoldInfo[];
  /** One line for the report and the leaderboard header. */
  text: string;
}

export interface TimeFoldInfo {
  trainRows: number;
  validRows: number;
  /** Newest training time, oldest and newest validation time (ISO dates, or times when not midnight; numbers as they are). */
  trainUntil: string;
  validFrom: string;
  validTo: string;
}

/** A short phrase for the progress line, before the search has run. */
export function splitPhrase(timeColumn: string | null, folds: number, cv: boolean): string {
  if (timeColumn) return `time split on ${timeColumn} (${folds} rolling fold${folds === 1 ? '' : 's'}, newest ${share()} % last)`;
  return cv ? '5-fold cross-validation' : 'random 80/20 holdout';
}

const share = () => Math.round(100 * TIME_VALID_FRACTION);
const iso = (x: number) => (Number.isFinite(x) ? new Date(x).toISOString().replace('T00:00:00.000Z', '').replace('.000Z', 'Z') : '–');
/** A number the user named as the time column (a year, a period index) reads as itself, not as milliseconds. */
const plain = (x: number) => (Number.isFinite(x) ? String(x) : '–');

/**
 * `time` holds each training row's time and the plan's folds (oldest first), for a time split;
 * `dates: false` when the column holds plain numbers (a year).
 */
export function describeSplit(
  kind: SplitInfo['kind'],
  time?: { column: string; times: Float64Array; folds: { train: ArrayLike<number>; valid: ArrayLike<number> }[]; dates?: boolean },
): SplitInfo {
  const show = time?.dates === false ? plain : iso;
  if (kind === 'cv') return { kind, text: 'validated by 5-fold cross-validation (rows shuffled)' };
  if (kind === 'holdout' || !time) return { kind, text: 'validated on a random 80/20 holdout' };
  const range = (rows: ArrayLike<number>) => {
    let max = -Infinity,
      min = Infinity;
    for (let i = 0; i < rows.length; i++) {
      const t = time.times[rows[i]];
      if (Number.isNaN(t)) continue;
      max = Math.max(max, t);
      min = Math.min(min, t);
    }
    return { min, max };
  };
  const folds: TimeFoldInfo[] = time.folds.map((f) => {
    const v = range(f.valid);
    return {
      trainRows: f.train.length,
      validRows: f.valid.length,
      trainUntil: show(range(f.train).max),
      validFrom: show(v.min),
      validTo: show(v.max),
    };
  });
  const last = folds[folds.length - 1];
  const k = folds.length;
  const foldWords =
    k > 1
      ? `${k} rolling folds (validation slices from ${folds.map((f) => f.validFrom).join(', ')}), each trained only on older rows`
      : '1 fold (too few rows or times for rolling folds)';
  return {
    kind,
    timeColumn: time.column,
    trainUntil: last.trainUntil,
    validFrom: last.validFrom,
    folds,
    text: `time split on ${time.column}: ${foldWords}; holdout = newest ${share()} % (from ${last.validFrom}, trained on rows up to ${last.trainUntil}); never shuffled across time`,
  };
}
