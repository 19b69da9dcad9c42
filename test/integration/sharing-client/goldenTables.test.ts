/**
 * Every table of ../shared/data/delta, served by Silt's own Delta Sharing server on loopback,
 * read through the protocol at its latest version into DuckDB and compared with expected.json —
 * once with the delta response format, once with the parquet one.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedTableSql, SharingClient, SharingError } from '../../../kernel/sharing/client';
import {
  expected,
  isExpectedFailure,
  measure,
  profileFor,
  SCHEMA,
  SHARE,
  startGoldenServer,
  removeTempDirs,
  tempDir,
} from './goldenTables';

let server: Awaited<ReturnType<typeof startGoldenServer>>;
let conn: DuckDBConnection;
const clients: Record<string, SharingClient> = {};

beforeAll(async () => {
  server = await startGoldenServer();
  conn = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
  for (const format of ['delta', 'parquet'] as const) {
    clients[format] = SharingClient.fromProfile(profileFor(server), { formats: [format], cacheDir: tempDir(`silt-golden-${format}-`) });
  }
});
afterAll(async () => {
  for (const c of Object.values(clients)) await c.close();
  await server?.close();
  removeTempDirs();
});

/** Features the parquet response format cannot carry: the server must refuse those tables. */
function needsDelta(t: any): boolean {
  const v = t.versions[String(t.latestVersion)];
  return /deletionVectors/.test(t.protocolSummary) || ['name', 'id'].includes(v?.metadata?.configuration?.['delta.columnMapping.mode']);
}

describe('discovery against the built-in server', () => {
  it('lists the share, schema and every table', async () => {
    const c = clients.delta;
    expect((await c.listShares()).map((s) => s.name)).toContain(SHARE);
    expect((await c.listSchemas(SHARE)).map((s) => s.name)).toEqual([SCHEMA]);
    const tables = (await c.listAllTables(SHARE)).map((t) => t.name).sort();
    expect(tables).toEqual(Object.keys(expected).sort());
    expect(await c.tableVersion({ share: SHARE, schema: SCHEMA, table: 'simple_table' })).toBe(4);
  });
});

for (const format of ['delta', 'parquet'] as const) {
  describe(`${format} response format`, () => {
    for (const [name, t] of Object.entries(expected)) {
      const ref = { share: SHARE, schema: SCHEMA, table: name };
      if (isExpectedFailure(t) || (format === 'parquet' && needsDelta(t))) {
        it(`${name}: fails with a clear error`, async () => {
          const err = await sharedTableSql(clients[format], ref).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(err).toBeInstanceOf(SharingError);
          const e = err as SharingError;
          expect(e.message).toMatch(new RegExp(name.replace(/[-_]/g, '.')));
          expect(e.message.length).toBeGreaterThan(40);
          expect(e.message).not.toContain(server.token);
        });
        continue;
      }
      it(`${name}: rows and checksums match expected.json`, async () => {
        const want = t.versions[String(t.latestVersion)].data;
        const { sql, version } = await sharedTableSql(clients[format], ref);
        expect(version).toBe(t.latestVersion);
        const meta = await clients[format].tableMetadata(ref);
        const got = await measure(conn, sql, meta.metadata.schemaString, want.checksums);
        expect(got.rowCount).toBe(want.rowCount);
        for (const [k, v] of Object.entries(want.checksums as Record<string, unknown>)) {
          if (typeof v === 'number' && !Number.isInteger(v)) expect(got.checksums[k]).toBeCloseTo(v, 2);
          else if (k.endsWith('.sum') && typeof got.checksums[k] === 'number') expect(got.checksums[k]).toBeCloseTo(Number(v), 2);
          else expect(got.checksums[k], k).toEqual(v);
        }
      });
    }
  });
}
