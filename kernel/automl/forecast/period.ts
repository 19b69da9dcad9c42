/**
 * The calendar step of a time series. Times become integer period indexes (days since the epoch,
 * weeks since the first observation's weekday, or months since year 0) so gaps and the periods to
 * forecast are plain integer arithmetic, and back again for the rows a user sees.
 */
import { AutoMLError } from '../AutoMLError';

export type Period = 'day' | 'week' | 'month';

const DAY = 86_400_000;

/** Milliseconds since the epoch of a cell value, or NaN when it is not a time. */
export function toMillis(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') {
    // Periods are bucketed by UTC calendar day, so a time written without a zone (a bare date, or
    // "2024-03-01 00:00:00") is read as that wall-clock time in UTC, whatever the machine's zone:
    // read as local time it would land in the previous day or month east of Greenwich.
    const text = v.trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return Date.parse(`${text}T00:00:00Z`);
    const wall = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(text);
    return Date.parse(wall ? `${wall[1]}T${wall[2]}Z` : text);
  }
  return NaN;
}

/**
 * The period of a series from the median step between its distinct days: about 1 day, 7 days or
 * a calendar month. Anything else (hourly, quarterly, irregular) is refused with the step found.
 */
export function detectPeriod(times: number[], column: string): Period {
  const days = [...new Set(times.map((t) => Math.floor(t / DAY)))].sort((a, b) => a - b);
  if (days.length < 2) throw new AutoMLError(`The time column "${column}" has fewer than two distinct dates, so no period can be found.`);
  const steps = days.slice(1).map((d, i) => d - days[i]);
  steps.sort((a, b) => a - b);
  const median = steps[Math.floor(steps.length / 2)];
  if (median === 1) return 'day';
  if (median === 7) return 'week';
  if (median >= 28 && median <= 31) return 'month';
  throw new AutoMLError(
    `The time column "${column}" steps by ${median} days at the median; forecasting supports daily, weekly or monthly series.`,
    'unsupported',
  );
}

/** The period index of a time; for weeks, counted from `anchorDay` (the first observation's day). */
export function periodIndex(t: number, period: Period, anchorDay = 0): number {
  const day = Math.floor(t / DAY);
  if (period === 'day') return day;
  if (period === 'week') return Math.round((day - anchorDay) / 7);
  const d = new Date(t);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The start of period `index` as a UTC Date (the inverse of periodIndex). */
export function periodStart(index: number, period: Period, anchorDay = 0): Date {
  if (period === 'day') return new Date(index * DAY);
  if (period === 'week') return new Date((anchorDay + index * 7) * DAY);
  return new Date(Date.UTC(Math.floor(index / 12), index % 12, 1));
}

/** Observations per seasonal cycle: a week of days, a year of weeks or of months. */
export function seasonLength(period: Period): number {
  return period === 'day' ? 7 : period === 'week' ? 52 : 12;
}

/** Calendar features of a period, for the GBDT (day of week and of year, week of year, month). */
export function calendarFeatures(index: number, period: Period, anchorDay = 0): number[] {
  const d = periodStart(index, period, anchorDay);
  const startOfYear = Date.UTC(d.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((d.getTime() - startOfYear) / DAY);
  if (period === 'day') return [d.getUTCDay(), dayOfYear, d.getUTCMonth(), d.getUTCDate()];
  if (period === 'week') return [Math.floor(dayOfYear / 7), d.getUTCMonth()];
  return [d.getUTCMonth()];
}
