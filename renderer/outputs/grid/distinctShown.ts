/**
 * The distinct count a column profile shows. DuckDB's HyperLogLog estimate overshoots even on small
 * columns (10 unique ids read as 11, 400 as 515), and a profile saying a column of 315 rows has 395
 * distinct values is plainly untrue. A column cannot hold more distinct values than non-null ones,
 * and when its top values cover every row, they are the exact count. Results up to a million rows
 * come with an exact count (profileTable.ts), shown as it is.
 */
import type { ColumnProfile } from '../../../kernel/protocol/results';

export function distinctShown(c: Pick<ColumnProfile, 'approxDistinct' | 'distinctExact' | 'nulls' | 'top'>, rowCount: number): number {
  if (c.distinctExact) return c.approxDistinct;
  const nonNull = Math.max(0, rowCount - c.nulls);
  if (c.top && c.top.reduce((sum, t) => sum + t.count, 0) === rowCount) {
    return c.top.filter((t) => t.value !== null).length;
  }
  return Math.min(c.approxDistinct, nonNull);
}
