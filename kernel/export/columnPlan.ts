/**
 * How each DuckDB column is read for the writers that build files themselves (Arrow IPC, Excel):
 * the SQL that yields a value of a simple physical kind, and that kind. Dates and timestamps come as
 * integers (days, microseconds) so no precision is lost on the way through JavaScript; decimals
 * and huge integers as doubles (what BI tools read most widely); everything else (lists, structs,
 * intervals, UUIDs) as its DuckDB text.
 */
import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import { quoteIdent } from '../../common/sqlQuote';

export type ColumnKind =
  | 'bool'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'float32'
  | 'float64'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'string';

export interface PlannedColumn {
  name: string;
  kind: ColumnKind;
  /** The select expression, aliased to the column's name. */
  sql: string;
}

const DIRECT: Partial<Record<DuckDBTypeId, ColumnKind>> = {
  [DuckDBTypeId.BOOLEAN]: 'bool',
  [DuckDBTypeId.TINYINT]: 'int8',
  [DuckDBTypeId.SMALLINT]: 'int16',
  [DuckDBTypeId.INTEGER]: 'int32',
  [DuckDBTypeId.BIGINT]: 'int64',
  [DuckDBTypeId.UTINYINT]: 'uint8',
  [DuckDBTypeId.USMALLINT]: 'uint16',
  [DuckDBTypeId.UINTEGER]: 'uint32',
  [DuckDBTypeId.UBIGINT]: 'uint64',
  [DuckDBTypeId.FLOAT]: 'float32',
  [DuckDBTypeId.DOUBLE]: 'float64',
  [DuckDBTypeId.VARCHAR]: 'string',
};

const TIMESTAMPS = new Set([DuckDBTypeId.TIMESTAMP, DuckDBTypeId.TIMESTAMP_S, DuckDBTypeId.TIMESTAMP_MS, DuckDBTypeId.TIMESTAMP_NS]);

export function planColumns(columns: { name: string; type: DuckDBType }[]): PlannedColumn[] {
  return columns.map(({ name, type }) => {
    const col = quoteIdent(name);
    const as = (expr: string, kind: ColumnKind): PlannedColumn => ({ name, kind, sql: `${expr} AS ${col}` });
    const direct = DIRECT[type.typeId];
    if (direct) return as(col, direct);
    if (type.typeId === DuckDBTypeId.DATE) return as(`(${col} - DATE '1970-01-01')::INTEGER`, 'date');
    if (TIMESTAMPS.has(type.typeId)) return as(`epoch_us(${col})`, 'timestamp');
    if (type.typeId === DuckDBTypeId.TIMESTAMP_TZ) return as(`epoch_us(${col})`, 'timestamptz');
    if (type.typeId === DuckDBTypeId.DECIMAL || type.typeId === DuckDBTypeId.HUGEINT || type.typeId === DuckDBTypeId.UHUGEINT) {
      return as(`${col}::DOUBLE`, 'float64');
    }
    return as(`${col}::VARCHAR`, 'string');
  });
}
