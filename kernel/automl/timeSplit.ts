/**
 * Time-aware validation: which column orders the rows in time (guessed from the profile when the user
 * does not say), and how the split that was used reads in the report and the leaderboard header.
 */
import type { ColumnProfile } from './profile';
import { toTime } from './preprocessor';
import type { AutoMLTable, AutoMLValue } from './table';
import { TIME_VALID_FRACTION } from './validation';

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
  /** Newest training time and oldest validation time (ISO), for a time split. */
  trainUntil?: string;
  validFrom?: string;
  /** One line for the report and the leaderboard header. */
  text: string;
}

/** `time` holds each training row's time and the plan's rows, for a time split. */
export function describeSplit(
  kind: SplitInfo['kind'],
  time?: { column: string; times: Float64Array; train: ArrayLike<number>; valid: ArrayLike<number> },
): SplitInfo {
  if (kind === 'cv') return { kind, text: 'validated by 5-fold cross-validation (rows shuffled)' };
  if (kind === 'holdout') return { kind, text: 'validated on a random 80/20 holdout' };
  let max = -Infinity,
    min = Infinity;
  for (let i = 0; time && i < time.train.length; i++)
    if (!Number.isNaN(time.times[time.train[i]])) max = Math.max(max, time.times[time.train[i]]);
  for (let i = 0; time && i < time.valid.length; i++) min = Math.min(min, time.times[time.valid[i]]);
  const iso = (x: number) => (Number.isFinite(x) ? new Date(x).toISOString().replace('T00:00:00.000Z', '').replace('.000Z', 'Z') : '–');
  const share = Math.round(100 * TIME_VALID_FRACTION);
  return {
    kind,
    timeColumn: time?.column,
    trainUntil: iso(max),
    validFrom: iso(min),
    text: `time split on ${time?.column}: trained on rows up to ${iso(max)}, validated on the most recent ${share} % (from ${iso(min)}); never shuffled across time`,
  };
}
