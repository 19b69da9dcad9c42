import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSchema, partitionValueSql } from '../../../kernel/delta';

let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
});

const type = (t: string) =>
  parseSchema(JSON.stringify({ type: 'struct', fields: [{ name: 'c', type: t, nullable: true, metadata: {} }] })).fields[0].type;

/** Evaluates the constant in DuckDB and returns [its SQL type, its value as text]. */
async function evaluate(sql: string): Promise<[string, string | null]> {
  const r = await conn.runAndReadAll(`SELECT typeof(v), CASE WHEN v IS NULL THEN NULL ELSE v::VARCHAR END FROM (SELECT ${sql} AS v)`);
  return r.getRowsJson()[0] as [string, string | null];
}

describe('partitionValueSql', () => {
  it('turns log strings into typed constants for every primitive type', async () => {
    const cases: [string, string, [string, string]][] = [
      ['integer', '-7', ['INTEGER', '-7']],
      ['long', '9223372036854775807', ['BIGINT', '9223372036854775807']],
      ['byte', '12', ['TINYINT', '12']],
      ['short', '300', ['SMALLINT', '300']],
      ['boolean', 'false', ['BOOLEAN', 'false']],
      ['float', '1.5', ['FLOAT', '1.5']],
      ['double', 'NaN', ['DOUBLE', 'nan']],
      ['string', "it's", ['VARCHAR', "it's"]],
      ['decimal(5,2)', '123.45', ['DECIMAL(5,2)', '123.45']],
      ['date', '2021-09-08', ['DATE', '2021-09-08']],
      ['binary', 'ab', ['BLOB', 'ab']],
      ['timestamp_ntz', '2013-07-05 17:01:00.123456', ['TIMESTAMP', '2013-07-05 17:01:00.123456']],
    ];
    for (const [t, raw, want] of cases) expect(await evaluate(partitionValueSql(raw, type(t))), t).toEqual(want);
  });

  it('keeps nulls typed', async () => {
    expect(await evaluate(partitionValueSql(null, type('date')))).toEqual(['DATE', null]);
  });

  it('reads zoned timestamps as instants and zone-less ones in the writer zone', async () => {
    const epoch = async (raw: string, zone?: string) =>
      (await conn.runAndReadAll(`SELECT epoch_ms(${partitionValueSql(raw, type('timestamp'), zone)})::VARCHAR`)).getRowsJson()[0][0];
    expect(await epoch('2024-01-01T10:00:00.000000Z')).toBe('1704103200000');
    expect(await epoch('2024-01-01 10:00:00')).toBe('1704103200000');
    // 10:00 wall clock in New York (UTC-5 in January) is 15:00 UTC.
    expect(await epoch('2024-01-01 10:00:00', 'America/New_York')).toBe('1704121200000');
  });
});
