/**
 * Tick spacing for dates on a band axis (a bar per day, a heatmap column per day): with more than a
 * couple of dozen bands every label would overlap, so label weeks, months or years instead.
 */
const MAX_LABELS = 24;
const DAY = 86_400_000;

export function bandTicks(values: unknown[]): string | undefined {
  const times = new Set<number>();
  for (const v of values) if (v instanceof Date) times.add(v.getTime());
  if (times.size <= MAX_LABELS) return undefined;
  const sorted = [...times].sort((a, b) => a - b);
  const spanDays = (sorted[sorted.length - 1] - sorted[0]) / DAY;
  if (spanDays <= 7 * MAX_LABELS && spanDays > 2 * MAX_LABELS) return 'week';
  if (spanDays <= 2 * MAX_LABELS) return 'day';
  if (spanDays <= 31 * MAX_LABELS) return 'month';
  return 'year';
}
