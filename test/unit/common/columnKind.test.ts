import { describe, expect, it } from 'vitest';
import { chartKind, columnKind, isNumericType, needsDoubleCast } from '../../../common/columnKind';
import { outputHtml } from '../../../kernel/report/outputHtml';

// Type names exactly as DuckDB reports them (checked against @duckdb/node-api's columnTypes()).
const RIGHT_ALIGNED = [
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'HUGEINT',
  'UHUGEINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'UBIGINT',
  'BIGNUM',
  'FLOAT',
  'DOUBLE',
  'DECIMAL(18,2)',
  'DECIMAL(38,10)',
];
const LEFT_ALIGNED = [
  'VARCHAR',
  'BOOLEAN',
  'DATE',
  'TIME',
  'TIME WITH TIME ZONE',
  'TIMESTAMP',
  'TIMESTAMP WITH TIME ZONE',
  'TIMESTAMP_S',
  'TIMESTAMP_MS',
  'TIMESTAMP_NS',
  'INTERVAL',
  'BLOB',
  'BIT',
  'UUID',
  'INTEGER[]',
  'INTEGER[2]',
  'DECIMAL(18,2)[]',
  'STRUCT("a" INTEGER)',
  'MAP(VARCHAR, INTEGER)',
  'UNION("k" INTEGER)',
  "ENUM('a', 'b')",
  'JSON',
];

describe('isNumericType: which columns the grid and the HTML report right-align', () => {
  it.each(RIGHT_ALIGNED)('%s is a number', (type) => expect(isNumericType(type)).toBe(true));
  it.each(LEFT_ALIGNED)('%s is not a number', (type) => expect(isNumericType(type)).toBe(false));

  it('INTERVAL is not an integer, though its name starts with INT', () => {
    expect(columnKind('INTERVAL')).toBe('interval');
  });

  it('reads aliases, lower case and padding the way DuckDB accepts them', () => {
    for (const type of ['int', 'int4', 'int8', 'long', 'numeric(10, 2)', 'real', 'float8', ' double ']) {
      expect(isNumericType(type), type).toBe(true);
    }
  });

  it('reads danfojs dtypes and Arrow type names from the TypeScript realm', () => {
    for (const type of ['int32', 'float64', 'Int64', 'Uint8', 'Float32', 'Decimal[18e+2]']) {
      expect(isNumericType(type), type).toBe(true);
    }
    for (const type of ['string', 'boolean', 'Utf8', 'Bool', 'Date32<DAY>', 'List<Int32>']) {
      expect(isNumericType(type), type).toBe(false);
    }
  });
});

describe('columnKind', () => {
  it.each([
    ['BIGINT', 'integer'],
    ['DECIMAL(18,2)', 'decimal'],
    ['FLOAT', 'float'],
    ['BOOLEAN', 'boolean'],
    ['DATE', 'date'],
    ['Date32<DAY>', 'date'],
    ['TIME', 'time'],
    ['TIME WITH TIME ZONE', 'time'],
    ['TIMESTAMP WITH TIME ZONE', 'timestamp'],
    ['TIMESTAMP_NS', 'timestamp'],
    ['Timestamp<MICROSECOND, UTC>', 'timestamp'],
    ['INTERVAL', 'interval'],
    ['VARCHAR', 'text'],
    ["ENUM('a', 'b')", 'text'],
    ['UUID', 'text'],
    ['BLOB', 'binary'],
    ['VARCHAR[]', 'nested'],
    ['STRUCT("a b" INTEGER, "c" VARCHAR)', 'nested'],
    ['MAP(VARCHAR, INTEGER)', 'nested'],
    ['NULL', 'other'],
    ['unknown', 'other'],
    ['', 'other'],
  ] as const)('%s is %s', (type, kind) => expect(columnKind(type)).toBe(kind));
});

describe('chartKind: how the chart builder and the kernel pick axes', () => {
  it('numbers are measured, dates and timestamps go on a time scale, the rest are categories', () => {
    expect(chartKind('DECIMAL(18,2)')).toBe('numeric');
    expect(chartKind('HUGEINT')).toBe('numeric');
    expect(chartKind('DATE')).toBe('temporal');
    expect(chartKind('TIMESTAMP WITH TIME ZONE')).toBe('temporal');
    expect(chartKind('VARCHAR')).toBe('categorical');
    expect(chartKind('BOOLEAN')).toBe('categorical');
  });

  it('a time of day without a date is a category, not a time scale', () => {
    expect(chartKind('TIME')).toBe('categorical');
  });

  it('an interval or a list is a category, never a measure', () => {
    expect(chartKind('INTERVAL')).toBe('categorical');
    expect(chartKind('DOUBLE[]')).toBe('categorical');
  });
});

describe('needsDoubleCast: numbers Plot cannot scale as they arrive', () => {
  it('wide integers and decimals are cast', () => {
    for (const type of ['BIGINT', 'HUGEINT', 'UBIGINT', 'UHUGEINT', 'BIGNUM', 'DECIMAL(18,2)', 'numeric']) {
      expect(needsDoubleCast(type), type).toBe(true);
    }
  });

  it('integers that fit a JS number, floats and non-numbers are left alone', () => {
    for (const type of ['INTEGER', 'SMALLINT', 'UINTEGER', 'DOUBLE', 'FLOAT', 'VARCHAR', 'DATE', 'BIGINT[]']) {
      expect(needsDoubleCast(type), type).toBe(false);
    }
  });
});

describe('the HTML report right-aligns what the grid right-aligns', () => {
  it('marks exactly the numeric columns as num', () => {
    const types = [...RIGHT_ALIGNED, ...LEFT_ALIGNED];
    const columns = types.map((type, i) => ({ name: `c${i}`, type }));
    const html = outputHtml({ kind: 'table', rowCount: 0, columns, rows: [] });
    const headers = [...html.matchAll(/<th( class="num")?>/g)].map((m) => Boolean(m[1]));
    expect(headers).toEqual(types.map(isNumericType));
    expect(headers.filter(Boolean)).toHaveLength(RIGHT_ALIGNED.length);
  });
});
