import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral } from '../../common/sqlQuote';
import type { DataType, StructField } from './schema';

const STATS_TYPES = new Set(['long', 'integer', 'short', 'byte', 'float', 'double', 'string', 'date', 'timestamp', 'timestamp_ntz']);

/**
 * Per-file statistics in the log's JSON form (numRecords, minValues, maxValues, nullCount), computed
 * by DuckDB over the file just written. Only top-level primitive columns get bounds, as Spark does.
 */
export async function fileStats(conn: DuckDBConnection, file: string, fields: StructField[]): Promise<string> {
  const withBounds = fields.filter((f) => hasBounds(f.type));
  const parts = ['count(*)::VARCHAR'];
  for (const f of fields) parts.push(`(count(*) - count(${quoteIdent(f.name)}))::VARCHAR`);
  for (const f of withBounds) parts.push(bound('min', f), bound('max', f));
  const reader = await conn.runAndReadAll(`SELECT ${parts.join(', ')} FROM read_parquet(${quoteLiteral(file)})`);
  const row = reader.getRowsJson()[0] as (string | null)[];
  const nullCount: Record<string, number> = {};
  fields.forEach((f, i) => (nullCount[f.name] = Number(row[1 + i])));
  const minValues: string[] = [];
  const maxValues: string[] = [];
  withBounds.forEach((f, i) => {
    const min = row[1 + fields.length + 2 * i];
    const max = row[2 + fields.length + 2 * i];
    if (min === null || max === null) return;
    minValues.push(`${JSON.stringify(f.name)}:${jsonValue(min, f.type)}`);
    maxValues.push(`${JSON.stringify(f.name)}:${jsonValue(max, f.type)}`);
  });
  // Built by hand so 64-bit integers and decimals keep every digit (JSON.stringify would round them).
  const bounds = `"minValues":{${minValues.join(',')}},"maxValues":{${maxValues.join(',')}}`;
  return `{"numRecords":${Number(row[0])},${bounds},"nullCount":${JSON.stringify(nullCount)}}`;
}

function hasBounds(t: DataType): boolean {
  return t.type === 'decimal' || (t.type === 'primitive' && STATS_TYPES.has(t.name));
}

function bound(fn: 'min' | 'max', f: StructField): string {
  const c = quoteIdent(f.name);
  if (f.type.type === 'primitive' && (f.type.name === 'timestamp' || f.type.name === 'timestamp_ntz')) {
    // The log keeps milliseconds: round the lower bound down and the upper bound up so both stay bounds.
    const wall = f.type.name === 'timestamp' ? `timezone('UTC', ${fn}(${c}))` : `${fn}(${c})`;
    const ms = fn === 'min' ? `date_trunc('millisecond', ${wall})` : `date_trunc('millisecond', ${wall} + INTERVAL 999 MICROSECONDS)`;
    const zone = f.type.name === 'timestamp' ? 'Z' : '';
    return `strftime(${ms}, '%Y-%m-%dT%H:%M:%S.%g${zone}')`;
  }
  if (f.type.type === 'primitive' && (f.type.name === 'float' || f.type.name === 'double')) {
    // NaN and infinities have no JSON form; a column holding any gets no bounds rather than wrong ones.
    return `CASE WHEN count_if(NOT isfinite(${c})) > 0 THEN NULL ELSE ${fn}(${c})::VARCHAR END`;
  }
  return `${fn}(${c})::VARCHAR`;
}

function jsonValue(text: string, t: DataType): string {
  if (t.type === 'decimal') return text;
  if (t.type === 'primitive' && ['long', 'integer', 'short', 'byte', 'float', 'double'].includes(t.name)) return text;
  return JSON.stringify(text);
}
