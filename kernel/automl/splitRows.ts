/**
 * A train/holdout split computed from the data itself, so a generated notebook can evaluate on rows
 * the model never saw without listing row numbers (the table may be live and grow): by time when a
 * time column is given (holdout = the most recent rows), else a seeded random 20 %.
 */
import { AutoMLError } from './AutoMLError';
import { isMissing } from './profile';
import { Rng } from './rng';
import type { AutoMLTable, AutoMLValue } from './table';
import { timesOf } from './timeSplit';
import { newestSlice } from './timeFolds';

export function splitRows(
  table: AutoMLTable,
  opts: { target: string; timeColumn?: string | null; seed?: number },
): { trainIndex: number[]; testIndex: number[] } {
  const tc = table.columns.find((c) => c.name === opts.target);
  if (!tc) throw new AutoMLError(`Target column "${opts.target}" is not in the table.`);
  const tv = tc.values as ArrayLike<AutoMLValue>;
  const rows: number[] = [];
  for (let i = 0; i < tv.length; i++) if (!isMissing(tv[i])) rows.push(i);
  if (rows.length < 2) throw new AutoMLError(`Target "${opts.target}" has fewer than 2 known values.`);
  if (opts.timeColumn) {
    if (!table.columns.some((c) => c.name === opts.timeColumn))
      throw new AutoMLError(`Time column "${opts.timeColumn}" is not in the table.`);
    const fold = newestSlice(timesOf(table, opts.timeColumn, rows));
    return { trainIndex: Array.from(fold.train, (i) => rows[i]), testIndex: Array.from(fold.valid, (i) => rows[i]) };
  }
  const rng = new Rng((opts.seed ?? 0) + 11);
  const test = new Set(rng.sample(rows.length, Math.max(1, Math.round(rows.length * 0.2))));
  return { trainIndex: rows.filter((_, i) => !test.has(i)), testIndex: rows.filter((_, i) => test.has(i)) };
}
