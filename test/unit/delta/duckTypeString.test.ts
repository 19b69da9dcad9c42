import { describe, expect, it } from 'vitest';
import { parseDuckType, type DuckType } from '../../../kernel/delta/duckTypeString';

/** The tree as plain data, to compare with what DuckDB's DESCRIBE text means. */
function shape(t: DuckType): unknown {
  switch (t.kind) {
    case 'struct':
      return Object.fromEntries([...t.fields].map(([k, v]) => [k, shape(v)]));
    case 'list':
      return [shape(t.element)];
    case 'map':
      return { map: [shape(t.key), shape(t.value)] };
    default:
      return t.text;
  }
}

describe('parseDuckType', () => {
  it('reads DuckDB’s nested type names as DESCRIBE prints them', () => {
    expect(shape(parseDuckType('STRUCT(v STRUCT("value" BLOB, metadata BLOB)[])'))).toEqual({ v: [{ value: 'BLOB', metadata: 'BLOB' }] });
    expect(shape(parseDuckType('MAP(VARCHAR, STRUCT("value" BLOB, metadata BLOB))'))).toEqual({
      map: ['VARCHAR', { value: 'BLOB', metadata: 'BLOB' }],
    });
    expect(shape(parseDuckType('STRUCT("a ""b"" c" DECIMAL(18,3), t TIMESTAMP WITH TIME ZONE)[][]'))).toEqual([
      [{ 'a "b" c': 'DECIMAL(18,3)', t: 'TIMESTAMP WITH TIME ZONE' }],
    ]);
    expect(parseDuckType('VARIANT').kind).toBe('variant');
    expect(parseDuckType('STRUCT(v VARIANT)[]').text).toBe('STRUCT(v VARIANT)[]');
  });

  it('refuses text that is not a type', () => {
    expect(() => parseDuckType('STRUCT(a INTEGER')).toThrow(/cannot read the DuckDB type/);
    expect(() => parseDuckType('')).toThrow(/cannot read the DuckDB type/);
  });
});
