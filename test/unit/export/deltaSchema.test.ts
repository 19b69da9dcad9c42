/** DuckDB result types → the Delta schema a published table gets. */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { typeString } from '../../../kernel/delta';
import { deltaFields } from '../../../kernel/publish/deltaSchema';

describe('deltaFields', () => {
  it('maps every DuckDB type to the Delta type BI connectors read', async () => {
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const reader =
      await conn.runAndReadAll(`SELECT 1::TINYINT a, 1::INTEGER b, 1::BIGINT c, 1::UBIGINT d, 1.5::DECIMAL(9,3) e, 1.5::FLOAT f,
      1.5::DOUBLE g, 'x' h, true i, DATE '2024-01-01' j, TIMESTAMP '2024-01-01' k, TIMESTAMPTZ '2024-01-01' l, [1, 2] m,
      {'p': 1, 'q': 'z'} n, MAP {'k': 1} o, INTERVAL 1 DAY p, gen_random_uuid() q, 'x'::BLOB r`);
    const types = reader.columnTypes();
    const fields = deltaFields(reader.columnNames().map((name, i) => ({ name, type: types[i] })));
    expect(fields.map((f) => `${f.name}:${typeString(f.type)}`)).toEqual([
      'a:byte',
      'b:integer',
      'c:long',
      'd:decimal(20,0)',
      'e:decimal(9,3)',
      'f:float',
      'g:double',
      'h:string',
      'i:boolean',
      'j:date',
      'k:timestamp',
      'l:timestamp',
      'm:array<integer>',
      'n:struct<p:integer,q:string>',
      'o:map<string,integer>',
      'p:string',
      'q:string',
      'r:binary',
    ]);
    conn.closeSync();
  });
});
