/** How a chart treats a column, from its DuckDB type. */
export type ColumnKind = 'numeric' | 'temporal' | 'categorical';

export function columnKind(type: string): ColumnKind {
  const t = type.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL|NUMERIC|INT\d*|FLOAT\d*)\b/.test(t)) return 'numeric';
  if (/^(DATE|TIMESTAMP|DATETIME)\b/.test(t)) return 'temporal';
  return 'categorical';
}

/** Integer types too wide for a JS number come back as bigint, which Plot cannot scale. */
export function needsDoubleCast(type: string): boolean {
  return /^(BIGINT|HUGEINT|UBIGINT|UHUGEINT|DECIMAL|NUMERIC|INT8|INT64|INT128)\b/i.test(type);
}
