import { describe, expect, it } from 'vitest';
import { duckdbType, parseSchema, typeString } from '../../../kernel/delta';

const field = (name: string, type: unknown, metadata: Record<string, unknown> = {}) => ({ name, type, nullable: true, metadata });

describe('parseSchema', () => {
  const schema = parseSchema(
    JSON.stringify({
      type: 'struct',
      fields: [
        field('id', 'long'),
        field('price', 'decimal(38,18)'),
        field('seen', 'timestamp_ntz'),
        field('tags', { type: 'array', elementType: 'string', containsNull: false }),
        field('attrs', {
          type: 'map',
          keyType: 'string',
          valueType: { type: 'struct', fields: [field('n', 'integer')] },
          valueContainsNull: true,
        }),
        field('doc', 'variant'),
        field('nothing', 'void'),
        field('legacy_null', 'null'),
        field('renamed', 'string', { 'delta.columnMapping.physicalName': 'col-1', 'delta.columnMapping.id': 7 }),
      ],
    }),
  );

  it('builds a typed tree of primitives, decimals, arrays, maps and structs', () => {
    expect(schema.fields.map((f) => `${f.name}:${typeString(f.type)}`)).toEqual([
      'id:long',
      'price:decimal(38,18)',
      'seen:timestamp_ntz',
      'tags:array<string>',
      'attrs:map<string,struct<n:integer>>',
      'doc:variant',
      'nothing:void',
      'legacy_null:void',
      'renamed:string',
    ]);
    expect(schema.fields[3].type).toEqual({ type: 'array', elementType: { type: 'primitive', name: 'string' }, containsNull: false });
    expect(schema.fields[8].metadata['delta.columnMapping.physicalName']).toBe('col-1');
  });

  it('maps Spark types to DuckDB types', () => {
    expect(schema.fields.map((f) => duckdbType(f.type))).toEqual([
      'BIGINT',
      'DECIMAL(38,18)',
      'TIMESTAMP',
      'VARCHAR[]',
      'MAP(VARCHAR, STRUCT("n" INTEGER))',
      'VARIANT',
      '"NULL"',
      '"NULL"',
      'VARCHAR',
    ]);
    expect(duckdbType({ type: 'primitive', name: 'timestamp' })).toBe('TIMESTAMPTZ');
  });

  it('rejects unknown types and non-struct schemas', () => {
    expect(() => parseSchema(JSON.stringify({ type: 'struct', fields: [field('x', 'interval')] }))).toThrow(/unsupported Delta type/);
    expect(() => parseSchema('"long"')).toThrow(/must be a struct/);
  });
});
