/**
 * Delta VARIANT columns through the protocol: Spark's variantType-preview table (variants at the
 * top level and inside arrays, structs and maps, stored without Parquet's VARIANT annotation) and a
 * table whose variants are shredded (written by DuckDB with the annotation and typed_value
 * columns) both read as DuckDB VARIANT values with the rows expected.json and the writer say.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../../kernel/session/Session';
import { sharedTableSql, SharingClient } from '../../../kernel/sharing/client';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { DATA, expected, measure } from './goldenTables';

const TABLE = 'spark-variant-checkpoint';
const dir = mkdtempSync(join(tmpdir(), 'silt-variant-'));
let server: RunningSharingServer;
let conn: DuckDBConnection;
let client: SharingClient;
let profile: string;

/** A Delta table of one DuckDB-written Parquet file whose `doc` variants are shredded. */
async function writeShreddedTable(root: string): Promise<void> {
  mkdirSync(join(root, '_delta_log'), { recursive: true });
  const file = join(root, 'part-0.parquet');
  await conn.run(
    `COPY (SELECT i AS id, json_object('n', i, 'tags', ['a', 'b'], 'name', 'row ' || i)::VARIANT AS doc FROM range(50) t(i)) TO '${file}' (FORMAT parquet)`,
  );
  const kinds = (await conn.runAndReadAll(`SELECT name FROM parquet_schema('${file}')`)).getRows().map((r) => String(r[0]));
  expect(kinds).toContain('typed_value'); // really shredded, not just the binary form
  const schema = {
    type: 'struct',
    fields: [
      { name: 'id', type: 'long', nullable: true, metadata: {} },
      { name: 'doc', type: 'variant', nullable: true, metadata: {} },
    ],
  };
  const log = [
    { protocol: { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['variantType'], writerFeatures: ['variantType'] } },
    {
      metaData: {
        id: 'shredded',
        format: { provider: 'parquet', options: {} },
        schemaString: JSON.stringify(schema),
        partitionColumns: [],
        configuration: {},
      },
    },
    { add: { path: 'part-0.parquet', partitionValues: {}, size: statSync(file).size, modificationTime: 0, dataChange: true } },
  ];
  writeFileSync(join(root, '_delta_log', '00000000000000000000.json'), log.map((a) => JSON.stringify(a)).join('\n') + '\n');
}

beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  await writeShreddedTable(join(dir, 'shredded'));
  server = await startSharingServer({
    shares: [
      {
        name: 'lab',
        schemas: [
          {
            name: 'default',
            tables: [
              { name: 'variants', location: join(DATA, TABLE) },
              { name: 'shredded', location: join(dir, 'shredded') },
            ],
          },
        ],
      },
    ],
  });
  profile = JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token });
  client = SharingClient.fromProfile(profile, { cacheDir: join(dir, 'cache') });
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  conn?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowsJson();

describe('VARIANT columns', () => {
  it('reads Spark’s variant table as DuckDB VARIANTs with the rows and checksums of expected.json', async () => {
    const t = expected[TABLE];
    const want = t.versions[String(t.latestVersion)].data;
    const { sql, version } = await sharedTableSql(client, { share: 'lab', schema: 'default', table: 'variants' });
    expect(version).toBe(t.latestVersion);
    const types = Object.fromEntries((await rows(`DESCRIBE ${sql}`)).map((r) => [r[0], r[1]]));
    expect(types).toEqual({
      id: 'BIGINT',
      v: 'VARIANT',
      array_of_variants: 'VARIANT[]',
      struct_of_variants: 'STRUCT(v VARIANT)',
      map_of_variants: 'MAP(VARCHAR, VARIANT)',
      array_of_struct_of_variants: 'STRUCT(v VARIANT)[]',
      struct_of_array_of_variants: 'STRUCT(v VARIANT[])',
    });
    const meta = await client.tableMetadata({ share: 'lab', schema: 'default', table: 'variants' });
    const got = await measure(conn, sql, meta.metadata.schemaString, want.checksums);
    expect(got.rowCount).toBe(want.rowCount);
    expect(got.checksums).toEqual(want.checksums);
    // Spark's golden-table writer stores {"key": id} in every variant of a row (nulls where its test
    // puts them): each decoded value must say so, at every depth.
    const wrong = await rows(`SELECT count(*) FROM (${sql}) WHERE v::JSON != json_object('key', id)
      OR struct_of_variants.v::JSON != json_object('key', id)
      OR array_of_variants[1]::JSON != json_object('key', id) OR array_of_variants[2] IS NOT NULL
      OR map_of_variants[id::VARCHAR]::JSON != json_object('key', id)
      OR struct_of_array_of_variants.v[2]::JSON != json_object('key', id)`);
    expect(wrong).toEqual([['0']]);
    expect(await rows(`SELECT variant_typeof(v) FROM (${sql}) LIMIT 1`)).toEqual([['OBJECT(key)']]);
  });

  it('reads shredded variants (typed_value columns) with the values they were written with', async () => {
    const { sql } = await sharedTableSql(client, { share: 'lab', schema: 'default', table: 'shredded' });
    expect(await rows(`SELECT typeof(doc) FROM (${sql}) LIMIT 1`)).toEqual([['VARIANT']]);
    const wrong = await rows(
      // A variant object keeps its keys sorted, as the encoding requires.
      `SELECT count(*) FROM (${sql}) WHERE doc::JSON != json_object('n', id, 'name', 'row ' || id, 'tags', ['a', 'b'])`,
    );
    expect(wrong).toEqual([['0']]);
    expect(await rows(`SELECT count(*), sum(doc.n::BIGINT) FROM (${sql})`)).toEqual([['50', String((49 * 50) / 2)]]);
  });

  it('shows variant values in a SQL cell', async () => {
    const session = await Session.create({ workspace: dir, emit: () => {}, profiles: [profile] });
    try {
      const r = await session.execute({ runId: 'v', language: 'sql', code: 'SELECT id, v FROM lab.default.variants WHERE id = 7 LIMIT 1' });
      expect(r.status).toBe('ok');
      const table = r.outputs.find((o) => o.kind === 'table') as { rows?: unknown[][] } | undefined;
      expect(JSON.stringify(table)).toMatch(/key.{0,4}7/);
    } finally {
      await session.engine.close();
    }
  });
});
