/** Change data feed, time travel and cache staleness through the protocol, against the built-in server. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedChangesSql, sharedTableSql, SharingClient, toJsonPredicate } from '../../../kernel/sharing/client';
import { expected, profileFor, SCHEMA, SHARE, startGoldenServer, removeTempDirs, tempDir } from './goldenTables';

let server: Awaited<ReturnType<typeof startGoldenServer>>;
let conn: DuckDBConnection;
const clients: Record<string, SharingClient> = {};
const ref = (table: string) => ({ share: SHARE, schema: SCHEMA, table });

beforeAll(async () => {
  server = await startGoldenServer();
  conn = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
  for (const format of ['delta', 'parquet'] as const) {
    clients[format] = SharingClient.fromProfile(profileFor(server), { formats: [format], cacheDir: tempDir('silt-cdf-') });
  }
});
afterAll(async () => {
  for (const c of Object.values(clients)) await c.close();
  await server?.close();
  removeTempDirs();
});

/** counts and key sums per (version, change type), as expected.json's `cdf` lists them. */
async function changeFigures(sql: string, key: string) {
  const rows = (
    await conn.runAndReadAll(
      `SELECT _commit_version, _change_type, count(*)::INTEGER, sum("${key}")::VARCHAR FROM (${sql}) GROUP BY ALL ORDER BY ALL`,
    )
  ).getRows();
  return rows.map((r) => `${r[0]}:${r[1]}:${r[2]}:${r[3]}`);
}
function expectedFigures(table: string, from: number, to: number) {
  const cdf = expected[table].cdf as Record<string, { counts: Record<string, number>; keySums: Record<string, string> }>;
  const out: string[] = [];
  for (const [v, c] of Object.entries(cdf)) {
    if (Number(v) < from || Number(v) > to) continue;
    for (const [type, n] of Object.entries(c.counts)) out.push(`${v}:${type}:${n}:${c.keySums[type]}`);
  }
  return out.sort();
}

describe('change data feed', () => {
  for (const format of ['delta', 'parquet'] as const) {
    it(`cdf-table versions 0..3 (cdc files and add actions) match expected.json — ${format}`, async () => {
      const { sql } = await sharedChangesSql(clients[format], ref('cdf-table'), { startingVersion: 0, endingVersion: 3 });
      expect((await changeFigures(sql, 'id')).sort()).toEqual(expectedFigures('cdf-table', 0, 3));
    });
  }

  it('inclusive version range 1..2 only', async () => {
    const { sql } = await sharedChangesSql(clients.delta, ref('cdf-table'), { startingVersion: 1, endingVersion: 2 });
    expect((await changeFigures(sql, 'id')).sort()).toEqual(expectedFigures('cdf-table', 1, 2));
  });

  it('deletion-vector updates count only the rows whose state changed (cdf-table-with-dv)', async () => {
    const { sql } = await sharedChangesSql(clients.delta, ref('cdf-table-with-dv'), { startingVersion: 0 });
    expect((await changeFigures(sql, 'value')).sort()).toEqual(expectedFigures('cdf-table-with-dv', 0, 6));
  });

  it('starting timestamp selects the first version at or after it', async () => {
    const ts = expected['cdf-table'].cdf['2'].commitInfoTimestamp as number;
    expect(await clients.delta.tableVersion(ref('cdf-table'), { startingTimestamp: ts })).toBe(2);
    const { sql } = await sharedChangesSql(clients.delta, ref('cdf-table'), { startingTimestamp: new Date(ts).toISOString() });
    expect((await changeFigures(sql, 'id')).sort()).toEqual(expectedFigures('cdf-table', 2, 3));
  });
});

describe('time travel', () => {
  for (const format of ['delta', 'parquet'] as const) {
    it(`basic-with-inserts-deletes-checkpoint at every version matches expected.json — ${format}`, async () => {
      const t = expected['basic-with-inserts-deletes-checkpoint'];
      for (const [v, info] of Object.entries(t.versions as Record<string, any>)) {
        const { sql, version } = await sharedTableSql(clients[format], ref('basic-with-inserts-deletes-checkpoint'), {
          version: Number(v),
        });
        expect(version).toBe(Number(v));
        const [count, sum] = (await conn.runAndReadAll(`SELECT count(*)::INTEGER, sum(id)::VARCHAR FROM (${sql})`)).getRows()[0];
        expect([count, sum]).toEqual([info.data.rowCount, info.data.checksums['id.sum']]);
      }
    });
  }

  it('metadata at an older version shows the older schema (log-replay-latest-metadata-protocol)', async () => {
    const m0 = await clients.delta.tableMetadata(ref('log-replay-latest-metadata-protocol'), { version: 0 });
    const m2 = await clients.delta.tableMetadata(ref('log-replay-latest-metadata-protocol'));
    expect(JSON.parse(m0.metadata.schemaString).fields.map((f: any) => f.name)).toEqual(['col1']);
    expect(JSON.parse(m2.metadata.schemaString).fields.map((f: any) => f.name)).toEqual(['col1', 'col2']);
    expect(m2.version).toBe(2);
  });
});

describe('predicate and limit hints', () => {
  it('a partition filter narrows the files; the caller re-applies its WHERE (checklist 22–23)', async () => {
    const table = ref('delta-0_8_0-partitioned');
    const types = { value: 'string', year: 'string', month: 'string', day: 'string' };
    const hint = toJsonPredicate({ kind: 'compare', op: '=', column: 'year', value: '2021' }, types)!;
    const all = await sharedTableSql(clients.delta, table);
    const some = await sharedTableSql(clients.delta, table, { predicateHints: hint });
    expect(all.files).toBe(6);
    expect(some.files).toBe(3); // the 2021 partitions only
    const [n] = (await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM (${some.sql}) WHERE year = '2021'`)).getRows()[0];
    const [m] = (await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM (${all.sql}) WHERE year = '2021'`)).getRows()[0];
    expect(n).toBe(m);
  });

  it('limitHint may shrink the file list but still returns whole files', async () => {
    const table = ref('COVID-19_NYT');
    const limited = await sharedTableSql(clients.parquet, table, { limitHint: 10 });
    expect(limited.files).toBeGreaterThanOrEqual(1);
    const [n] = (await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM (${limited.sql})`)).getRows()[0];
    expect(n).toBeGreaterThanOrEqual(10);
  });
});

describe('cache', () => {
  it('a warm re-open of an unchanged table asks only /version and downloads nothing', async () => {
    const c = SharingClient.fromProfile(profileFor(server), { cacheDir: tempDir('silt-warm-') });
    const first = await sharedTableSql(c, ref('COVID-19_NYT'));
    const progress: number[] = [];
    const second = await sharedTableSql(c, ref('COVID-19_NYT'), { onProgress: (p) => progress.push(p.bytesDone) });
    expect(second.version).toBe(first.version);
    expect(second.files).toBe(first.files);
    expect(progress).toEqual([first.bytes]); // everything came from the cache at once
    const [n] = (await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM (${second.sql})`)).getRows()[0];
    expect(n).toBe(expected['COVID-19_NYT'].versions['0'].data.rowCount);
    await c.close();
  });
});
