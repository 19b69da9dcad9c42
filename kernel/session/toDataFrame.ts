/**
 * DuckDB columns → a danfojs DataFrame, with the same data as an Apache Arrow table on `.arrow`.
 * danfojs is loaded on first use: it pulls in TensorFlow.js, which a SQL-only notebook never needs.
 */
import type { ColumnInfo } from '../protocol';
import { columnKind } from '../../common/columnKind';

let danfo: typeof import('danfojs') | null = null;

export function loadDanfo(): typeof import('danfojs') {
  danfo ??= require('danfojs') as typeof import('danfojs');
  return danfo;
}

/** DataFrames hold numbers, strings and booleans; wider DuckDB values are narrowed for them. */
function forDanfo(x: unknown): unknown {
  if (typeof x === 'bigint') return Number(x);
  if (x instanceof Date) return x.toISOString();
  if (x !== null && typeof x === 'object') return JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  return x;
}

export function toDataFrame(columns: ColumnInfo[], data: Record<string, unknown[]>): unknown {
  const dfd = loadDanfo();
  const cols: Record<string, unknown[]> = {};
  for (const c of columns) cols[c.name] = (data[c.name] ?? []).map(forDanfo);
  const df = columns.length === 0 ? new dfd.DataFrame([]) : new dfd.DataFrame(cols as never);
  let arrow: unknown;
  Object.defineProperty(df, 'arrow', {
    enumerable: false,
    get: () => (arrow ??= toArrow(columns, data)),
  });
  return df;
}

function toArrow(columns: ColumnInfo[], data: Record<string, unknown[]>): unknown {
  const { tableFromArrays } = require('apache-arrow') as typeof import('apache-arrow');
  const arrays: Record<string, unknown> = {};
  for (const c of columns) {
    const values = data[c.name] ?? [];
    if (columnKind(c.type) === 'float' && values.every((v) => typeof v === 'number' || v === null)) {
      arrays[c.name] = Float64Array.from(values as (number | null)[], (v) => v ?? NaN);
    } else if (c.type === 'BIGINT' && values.every((v) => typeof v === 'bigint')) {
      arrays[c.name] = BigInt64Array.from(values as bigint[]);
    } else {
      arrays[c.name] = values.map((v) => (v !== null && typeof v === 'object' && !(v instanceof Date) ? forDanfo(v) : v));
    }
  }
  return tableFromArrays(arrays as never);
}

/** A DataFrame's rows as records, for registering it as a DuckDB table. */
export function dataFrameRecords(df: { columns: string[]; values: unknown[][] }): Record<string, unknown>[] {
  return df.values.map((row) => Object.fromEntries(df.columns.map((c, i) => [c, row[i]])));
}
