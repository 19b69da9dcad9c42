/**
 * The Delta schema a DuckDB result is published with, and the SELECT that yields it. Naive
 * timestamps are published as Delta `timestamp` read as UTC rather than `timestamp_ntz`: the
 * latter needs reader features that Power BI's and Tableau's connectors do not all support.
 */
import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import type { DataType, StructField } from '../delta';
import { quoteIdent } from '../../common/sqlQuote';

const PRIMITIVE: Partial<Record<DuckDBTypeId, DataType>> = {
  [DuckDBTypeId.BOOLEAN]: { type: 'primitive', name: 'boolean' },
  [DuckDBTypeId.TINYINT]: { type: 'primitive', name: 'byte' },
  [DuckDBTypeId.SMALLINT]: { type: 'primitive', name: 'short' },
  [DuckDBTypeId.INTEGER]: { type: 'primitive', name: 'integer' },
  [DuckDBTypeId.BIGINT]: { type: 'primitive', name: 'long' },
  [DuckDBTypeId.UTINYINT]: { type: 'primitive', name: 'short' },
  [DuckDBTypeId.USMALLINT]: { type: 'primitive', name: 'integer' },
  [DuckDBTypeId.UINTEGER]: { type: 'primitive', name: 'long' },
  [DuckDBTypeId.UBIGINT]: { type: 'decimal', precision: 20, scale: 0 },
  [DuckDBTypeId.HUGEINT]: { type: 'decimal', precision: 38, scale: 0 },
  [DuckDBTypeId.FLOAT]: { type: 'primitive', name: 'float' },
  [DuckDBTypeId.DOUBLE]: { type: 'primitive', name: 'double' },
  [DuckDBTypeId.VARCHAR]: { type: 'primitive', name: 'string' },
  [DuckDBTypeId.BLOB]: { type: 'primitive', name: 'binary' },
  [DuckDBTypeId.DATE]: { type: 'primitive', name: 'date' },
  [DuckDBTypeId.TIMESTAMP]: { type: 'primitive', name: 'timestamp' },
  [DuckDBTypeId.TIMESTAMP_S]: { type: 'primitive', name: 'timestamp' },
  [DuckDBTypeId.TIMESTAMP_MS]: { type: 'primitive', name: 'timestamp' },
  [DuckDBTypeId.TIMESTAMP_NS]: { type: 'primitive', name: 'timestamp' },
  [DuckDBTypeId.TIMESTAMP_TZ]: { type: 'primitive', name: 'timestamp' },
};

/** Anything Delta has no type for (intervals, UUIDs, enums, times) is published as its text. */
export function deltaType(t: DuckDBType): DataType {
  const p = PRIMITIVE[t.typeId];
  if (p) return p;
  switch (t.typeId) {
    case DuckDBTypeId.DECIMAL:
      return { type: 'decimal', precision: t.width, scale: t.scale };
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return { type: 'array', elementType: deltaType(t.valueType), containsNull: true };
    case DuckDBTypeId.MAP:
      return { type: 'map', keyType: deltaType(t.keyType), valueType: deltaType(t.valueType), valueContainsNull: true };
    case DuckDBTypeId.STRUCT:
      return { type: 'struct', fields: t.entryNames.map((name, i) => field(name, t.entryTypes[i])) };
    default:
      return { type: 'primitive', name: 'string' };
  }
}

function field(name: string, t: DuckDBType): StructField {
  return { name, type: deltaType(t), nullable: true, metadata: {} };
}

export function deltaFields(columns: { name: string; type: DuckDBType }[]): StructField[] {
  return columns.map((c) => field(c.name, c.type));
}

const NAIVE = new Set([DuckDBTypeId.TIMESTAMP, DuckDBTypeId.TIMESTAMP_S, DuckDBTypeId.TIMESTAMP_MS, DuckDBTypeId.TIMESTAMP_NS]);

/** The SELECT over the result table whose columns cast cleanly to the published fields. */
export function publishSelect(table: string, columns: { name: string; type: DuckDBType }[]): string {
  const cols = columns.map(({ name, type }) => {
    const c = quoteIdent(name);
    return NAIVE.has(type.typeId) ? `timezone('UTC', ${c}::TIMESTAMP) AS ${c}` : c;
  });
  return `SELECT ${cols.join(', ')} FROM ${quoteIdent(table)}`;
}
