import type { DataType, StructField } from './schema';
import { quoteIdent } from '../../common/sqlQuote';

const PRIMITIVE_SQL: Record<string, string> = {
  string: 'VARCHAR',
  long: 'BIGINT',
  integer: 'INTEGER',
  short: 'SMALLINT',
  byte: 'TINYINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  binary: 'BLOB',
  date: 'DATE',
  // Delta timestamps are instants; timestamp_ntz is a wall clock with no zone.
  timestamp: 'TIMESTAMPTZ',
  timestamp_ntz: 'TIMESTAMP',
  variant: 'VARIANT',
  void: '"NULL"',
};

/**
 * The DuckDB SQL type that holds values of a Spark/Delta type without loss. `fieldName` picks the
 * struct field names (column mapping reads files under physical names).
 */
export function duckdbType(t: DataType, fieldName: (f: StructField) => string = (f) => f.name): string {
  switch (t.type) {
    case 'primitive':
      return PRIMITIVE_SQL[t.name];
    case 'decimal':
      return `DECIMAL(${t.precision},${t.scale})`;
    case 'array':
      return `${duckdbType(t.elementType, fieldName)}[]`;
    case 'map':
      return `MAP(${duckdbType(t.keyType, fieldName)}, ${duckdbType(t.valueType, fieldName)})`;
    case 'struct':
      return `STRUCT(${t.fields.map((f) => `${quoteIdent(fieldName(f))} ${duckdbType(f.type, fieldName)}`).join(', ')})`;
  }
}
