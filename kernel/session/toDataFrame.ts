/**
 * DuckDB columns → a danfojs DataFrame, with the same data as an Apache Arrow table on `.arrow` and
 * each column's DuckDB type on `.sqlTypes`. danfojs is loaded on first use: it pulls in TensorFlow.js,
 * which a SQL-only notebook never needs.
 *
 * How DuckDB's types survive in a DataFrame, which holds numbers, strings and booleans, and does its
 * arithmetic through TensorFlow.js (32-bit ints and floats):
 * - 64- and 128-bit integers (BIGINT, UBIGINT, HUGEINT) arrive as BigInt. While every value of a
 *   column is within ±(2^53 − 1) they become numbers, exactly, and arithmetic works. A column with a
 *   value beyond that holds exact decimal strings instead, and the cell hears so: rounding
 *   9007199254740993 to …992 without a word is the worst outcome, and BigInt values are not an option
 *   (danfojs infers dtypes by `typeof`, and `sum`, `describe` or `add` on them throw). `.arrow` keeps
 *   them as Int64, and `BigInt(s)` converts one.
 * - DECIMAL arrives as a double (12.3 for 12.30); it stays a number so that arithmetic works, and its
 *   type stays on `.sqlTypes`, so that `display(df)` shows it with its scale again (12.30). Values
 *   with more than 15 significant digits are rounded as doubles are.
 */
import type { ColumnInfo } from '../protocol';
import { columnKind } from '../../common/columnKind';

let danfo: typeof import('danfojs') | null = null;

export function loadDanfo(): typeof import('danfojs') {
  danfo ??= require('danfojs') as typeof import('danfojs');
  return danfo;
}

export interface SiltFrame {
  df: unknown;
  /** What the cell should know about the conversion (a column kept as exact strings). */
  notes: string[];
}

/** DataFrames hold numbers, strings and booleans; other values are narrowed for them. */
function forDanfo(x: unknown): unknown {
  if (typeof x === 'bigint') return x.toString();
  if (x instanceof Date) return x.toISOString();
  if (x !== null && typeof x === 'object') return JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  return x;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A column of BigInts as numbers when all of them fit exactly, else null. */
function exactNumbers(values: unknown[]): unknown[] | null {
  for (const v of values) if (typeof v === 'bigint' && (v > SAFE || v < -SAFE)) return null;
  return values.map((v) => (typeof v === 'bigint' ? Number(v) : v));
}

export function toDataFrame(columns: ColumnInfo[], data: Record<string, unknown[]>): SiltFrame {
  const dfd = loadDanfo();
  const cols: Record<string, unknown[]> = {};
  const notes: string[] = [];
  for (const c of columns) {
    const values = data[c.name] ?? [];
    const wide = values.some((v) => typeof v === 'bigint');
    const asNumbers = wide ? exactNumbers(values) : null;
    if (wide && !asNumbers) {
      notes.push(
        `Column "${c.name}" (${c.type}) has values beyond ±2^53, so the DataFrame holds them as exact strings ` +
          `(BigInt(value) converts one; .arrow keeps them as Int64).`,
      );
    }
    cols[c.name] = (asNumbers ?? values).map(forDanfo);
  }
  const df = columns.length === 0 ? new dfd.DataFrame([]) : new dfd.DataFrame(cols as never);
  let arrow: unknown;
  Object.defineProperty(df, 'arrow', {
    enumerable: false,
    get: () => (arrow ??= toArrow(columns, data)),
  });
  Object.defineProperty(df, 'sqlTypes', {
    enumerable: false,
    value: Object.freeze(Object.fromEntries(columns.map((c) => [c.name, c.type]))),
  });
  return { df, notes };
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

/** The DuckDB type of each column of a DataFrame made by toDataFrame (not of frames derived from it). */
export function sqlTypesOf(df: unknown): Readonly<Record<string, string>> | undefined {
  const types = (df as { sqlTypes?: unknown }).sqlTypes;
  return types && typeof types === 'object' ? (types as Record<string, string>) : undefined;
}

/** A DataFrame value as its DuckDB type shows it: a DECIMAL(p,s) number with its s decimals, as text. */
export function asSqlValue(type: string | undefined, value: unknown): unknown {
  const scale = type && typeof value === 'number' && Number.isFinite(value) ? /^DECIMAL\(\d+,\s*(\d+)\)$/i.exec(type)?.[1] : undefined;
  return scale !== undefined ? (value as number).toFixed(Number(scale)) : value;
}
