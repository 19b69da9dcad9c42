/**
 * What kind of values a column holds, read from its type name. This is the one reading of type names
 * in Silt: the grid and the HTML report right-align the same columns, charts pick the same axes, and
 * notebook files record the same Table Schema types. Names come mostly from DuckDB (`DECIMAL(18,2)`,
 * `TIMESTAMP WITH TIME ZONE`, `INTEGER[]`), but also from danfojs dtypes (`int32`, `float64`) and
 * Arrow tables (`Int64`, `Utf8`, `Date32<DAY>`) shown from the TypeScript realm, so case is ignored.
 */
export type ColumnKind =
  'integer' | 'decimal' | 'float' | 'boolean' | 'date' | 'time' | 'timestamp' | 'interval' | 'text' | 'binary' | 'nested' | 'other';

/** How a chart treats a column: numbers are measured, dates and timestamps are put on a time scale. */
export type ChartKind = 'numeric' | 'temporal' | 'categorical';

/** Base names (parameters and list suffixes removed, upper case) by kind, in the order they are tried. */
const KINDS: [ColumnKind, RegExp][] = [
  ['integer', /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|U?INT\d+|BYTE|SHORT|LONG|SIGNED|VARINT|BIGNUM)$/],
  ['decimal', /^(DECIMAL|NUMERIC)$/],
  ['float', /^(FLOAT\d*|DOUBLE( PRECISION)?|REAL)$/],
  ['boolean', /^(BOOL(EAN)?|LOGICAL)$/],
  ['date', /^DATE(32|64)?$/],
  ['time', /^(TIME(TZ|32|64|_NS)?|TIME WITH(OUT)? TIME ZONE)$/],
  ['timestamp', /^(TIMESTAMP(_S|_MS|_US|_NS|_NTZ|TZ)?|TIMESTAMP WITH(OUT)? TIME ZONE|DATETIME)$/],
  ['interval', /^(INTERVAL|DURATION)$/],
  ['text', /^(VARCHAR|N?CHAR|BPCHAR|CHARACTER( VARYING)?|TEXT|STRING|(LARGE)?UTF8|ENUM|JSON|UUID)$/],
  ['binary', /^(BLOB|BYTEA|(LARGE|FIXEDSIZE)?BINARY|VARBINARY|BIT|BITSTRING)$/],
  ['nested', /^(STRUCT|MAP|UNION|(LARGE|FIXEDSIZE)?LIST)$/],
];

export function columnKind(type: string): ColumnKind {
  const t = type.trim().toUpperCase();
  // `INTEGER[]` (a list) and `INTEGER[3]` (an array) hold many values: never a number to right-align.
  if (/\[\d*\]$/.test(t)) return 'nested';
  // `DECIMAL(18,2)`, `ENUM('a', 'b')`, `Date32<DAY>`, Arrow's `Decimal[18e+2]`: the name before the parameters.
  const base = t.replace(/[(<[].*$/s, '').trim();
  return KINDS.find(([, names]) => names.test(base))?.[0] ?? 'other';
}

/** Numbers: right-aligned in the grid and the report, cast to DOUBLE for AutoML, measured by charts. */
export function isNumericType(type: string): boolean {
  const kind = columnKind(type);
  return kind === 'integer' || kind === 'decimal' || kind === 'float';
}

export function chartKind(type: string): ChartKind {
  if (isNumericType(type)) return 'numeric';
  const kind = columnKind(type);
  // TIME has no date, so a time scale would put every value on 1970-01-01: it stays categorical.
  return kind === 'date' || kind === 'timestamp' ? 'temporal' : 'categorical';
}

/** Integer types whose values may not fit a JS number (they arrive as bigint or string). */
const WIDE_INTEGER = /^(BIGINT|HUGEINT|UBIGINT|UHUGEINT|INT8|INT64|INT128|UINT64|LONG|VARINT|BIGNUM)$/;

/**
 * Numbers that come back as bigint or as exact decimals, which Plot cannot scale: queries cast them
 * to DOUBLE first. Casting an `INT8` that is Arrow's 8-bit integer is harmless, so it is included.
 */
export function needsDoubleCast(type: string): boolean {
  const kind = columnKind(type);
  return kind === 'decimal' || (kind === 'integer' && WIDE_INTEGER.test(type.trim().toUpperCase()));
}
