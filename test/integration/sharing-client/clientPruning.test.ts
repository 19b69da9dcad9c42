/**
 * A server that ignores predicate hints (they are advisory; many servers prune partitions only, some
 * nothing) answers every file of the table. The client then skips, before downloading, the files a
 * WHERE cannot match from their stats and partition values, and the rows read stay exactly right.
 * The server here is our real one with its `ignoreHints` switch on (`silt share --ignore-hints`).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeltaWriter } from '../../../kernel/delta';
import { sharedTableSql, SharingClient, toJsonPredicate } from '../../../kernel/sharing/client';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { SHARED } from '../../helpers/shared';

let server: RunningSharingServer;
let conn: DuckDBConnection;
let client: SharingClient;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'silt-prune-'));
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  // Five commits, one file each, over disjoint id ranges: each file's stats say which ids it holds.
  const writer = await DeltaWriter.create(join(dir, 'ticks'), {
    columns: [
      { name: 'id', type: 'long' },
      { name: 'at', type: 'timestamp' },
    ],
  });
  for (let k = 0; k < 5; k++) {
    await writer.appendFromQuery(
      conn,
      `SELECT range AS id, TIMESTAMP '2026-01-01 00:00:00' + to_microseconds(range * 1000 + 123) AS at FROM range(${k * 100}, ${k * 100 + 100})`,
    );
  }
  // Spark keeps a timestamp max truncated to the millisecond (our writer rounds it up); make the last
  // file's max what Spark would have written, so the reader must widen it itself.
  const last = join(dir, 'ticks', '_delta_log', '00000000000000000005.json');
  const log = readFileSync(last, 'utf8');
  const sparkLike = log.replace(/(\\"maxValues\\":\{[^}]*\\"at\\":\\")[^\\]+/, '$12026-01-01T00:00:00.499Z');
  expect(sparkLike).not.toBe(log);
  writeFileSync(last, sparkLike);
  server = await startSharingServer({
    ignoreHints: true,
    shares: [
      {
        name: 'lab',
        schemas: [
          {
            name: 'default',
            tables: [
              { name: 'ticks', location: join(dir, 'ticks') },
              { name: 'parts', location: `${SHARED}/data/delta/delta-0_8_0-partitioned` },
            ],
          },
        ],
      },
    ],
  });
  client = SharingClient.fromProfile(JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token }));
});
afterAll(async () => {
  await client?.close();
  await server?.close();
});

async function read(table: string, where: string, types: Record<string, string>) {
  const ast = { kind: 'compare', ...JSON.parse(where) } as Parameters<typeof toJsonPredicate>[0];
  const predicateHints = toJsonPredicate(ast, types) ?? undefined;
  // The server really answers every file to this hinted query, so any skipping is the client's.
  const answer = await client.queryTable({ share: 'lab', schema: 'default', table }, { jsonPredicateHints: predicateHints, limitHint: 1 });
  const all = await client.queryTable({ share: 'lab', schema: 'default', table });
  expect(answer.files.map((f) => f.id).sort()).toEqual(all.files.map((f) => f.id).sort());
  return sharedTableSql(client, { share: 'lab', schema: 'default', table }, { predicateHints });
}

const count = async (sql: string, where: string) =>
  Number((await conn.runAndReadAll(`SELECT count(*) FROM (${sql}) WHERE ${where}`)).getRows()[0][0]);

describe('a server that ignores predicate hints', () => {
  it('downloads only the file whose stats can match, and counts the same rows as a full read', async () => {
    const full = await sharedTableSql(client, { share: 'lab', schema: 'default', table: 'ticks' });
    expect(full.files).toBe(5);
    const pruned = await read('ticks', '{"op": ">=", "column": "id", "value": 420}', { id: 'long', at: 'timestamp' });
    expect(pruned.files).toBe(1);
    expect(pruned.bytes).toBeLessThan(full.bytes / 3);
    expect(await count(pruned.sql, 'id >= 420')).toBe(80);
    expect(await count(full.sql, 'id >= 420')).toBe(80);
  });

  it('keeps a file whose timestamp max, kept to the millisecond, hides later microseconds', async () => {
    // The last row's `at` is …:00.499123; the file's max stat says …:00.499. A bound between the two
    // must keep the file, or the row would silently go missing.
    const r = await read('ticks', '{"op": ">", "column": "at", "value": "2026-01-01T00:00:00.499100Z"}', { id: 'long', at: 'timestamp' });
    expect(r.files).toBe(1);
    expect(await count(r.sql, `"at" > TIMESTAMP '2026-01-01 00:00:00.4991'`)).toBe(1);
  });

  it('skips by partition value on a Spark-written partitioned table, and reads nothing when nothing can match', async () => {
    const all = await sharedTableSql(client, { share: 'lab', schema: 'default', table: 'parts' });
    const types = { value: 'string', year: 'string', month: 'string', day: 'string' };
    const one = await read('parts', '{"op": "=", "column": "year", "value": "2021"}', types);
    expect(one.files).toBeGreaterThan(0);
    expect(one.files).toBeLessThan(all.files);
    expect(await count(one.sql, "year = '2021'")).toBe(await count(all.sql, "year = '2021'"));
    const none = await read('parts', '{"op": "=", "column": "year", "value": "1999"}', types);
    expect(none.files).toBe(0);
    expect(await count(none.sql, "year = '1999'")).toBe(0);
  });
});
