import { duckdbType } from './duckdbType';
import type { DataType } from './schema';
import { quoteLiteral } from '../../common/sqlQuote';

const ZONED = /(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A partition value (always a string in the log) as a typed DuckDB SQL constant.
 * Zone-less timestamp values are wall-clock time in the writer's session zone, which the log does
 * not record; `timeZone` names it (UTC unless the caller knows better).
 */
export function partitionValueSql(value: string | null | undefined, type: DataType, timeZone = 'UTC'): string {
  const sqlType = duckdbType(type);
  // PROTOCOL.md: an empty string of any type is a null partition value.
  if (value === null || value === undefined || value === '') return `CAST(NULL AS ${sqlType})`;
  const lit = quoteLiteral(value);
  if (type.type !== 'primitive') return `CAST(${lit} AS ${sqlType})`;
  switch (type.name) {
    case 'string':
      return lit;
    case 'binary':
      return `encode(${lit})`;
    case 'timestamp':
      return ZONED.test(value) ? `CAST(${lit} AS TIMESTAMPTZ)` : `timezone(${quoteLiteral(timeZone)}, CAST(${lit} AS TIMESTAMP))`;
    default:
      return `CAST(${lit} AS ${sqlType})`;
  }
}
