/**
 * Checklist 55 against the real exchange: the built-in server answers `asyncquery=true` with a query
 * id and "pending" for two polls; Silt's client polls, pages the result through the status endpoint,
 * and the rows equal expected.json.
 */
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedTableSql, SharingClient, SharingError } from '../../../kernel/sharing/client';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { DATA, expected, measure, profileFor, removeTempDirs, tempDir } from './goldenTables';

const TABLE = 'multi-part-checkpoint';
const ref = { share: 's', schema: 'd', table: 't' };
let server: RunningSharingServer;
let conn: DuckDBConnection;
const requests: string[] = [];

beforeAll(async () => {
  server = await startSharingServer({
    shares: [{ name: 's', schemas: [{ name: 'd', tables: [{ name: 't', location: join(DATA, TABLE), historyShared: true }] }] }],
    asyncQueries: { pendingPolls: 2 },
  });
  conn = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(async () => {
  await server?.close();
  removeTempDirs();
});

function client(opts = {}) {
  const c = SharingClient.fromProfile(profileFor(server), { cacheDir: tempDir('silt-async-'), maxFilesPerPage: 3, ...opts });
  // Every request path, to see the exchange the client chose.
  const call = c.http.call.bind(c.http);
  c.http.call = ((path: string, init: Parameters<typeof call>[1]) => {
    requests.push(path);
    return call(path, init);
  }) as typeof c.http.call;
  return c;
}

describe('async queries (checklist 55)', () => {
  it('polls the pending query, pages the result through its status endpoint, and reads the right rows', async () => {
    const c = client();
    requests.length = 0;
    const { sql, files } = await sharedTableSql(c, ref);
    const want = expected[TABLE].versions[String(expected[TABLE].latestVersion)];
    expect(files).toBe(want.numFiles);
    const got = await measure(conn, sql, (await c.tableMetadata(ref)).metadata.schemaString, want.data.checksums);
    expect(got.rowCount).toBe(want.data.rowCount);
    expect(got.checksums['id.countDistinct']).toBe(want.data.checksums['id.countDistinct']);
    const queries = requests.filter((p) => p.endsWith('/query'));
    const polls = requests.filter((p) => p.includes('/queries/'));
    expect(queries).toHaveLength(1);
    // Two "pending" answers, then ceil(files / 3) pages of the result, all from the status endpoint.
    expect(polls).toHaveLength(2 + Math.ceil(want.numFiles / 3));
    expect(new Set(polls).size).toBe(1);
    await c.close();
  });

  it('a client that does not ask for async gets the answer at once', async () => {
    const c = client({ asyncQuery: false });
    requests.length = 0;
    const r = await c.queryTable(ref);
    expect(r.files).toHaveLength(expected[TABLE].versions[String(expected[TABLE].latestVersion)].numFiles);
    expect(requests.some((p) => p.includes('/queries/'))).toBe(false);
    await c.close();
  });

  it('the same idempotency key gets the same query id; an unknown id is a clear 404', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}/shares/s/schemas/d/tables/t/${path}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${server.token}`,
          'Content-Type': 'application/json',
          'delta-sharing-capabilities': 'asyncquery=true',
        },
        body: JSON.stringify(body),
      });
    const line = async (r: Response) => JSON.parse((await r.text()).trim());
    const a = await line(await post('query', { idempotencyKey: 'k-1' }));
    const b = await line(await post('query', { idempotencyKey: 'k-1' }));
    const other = await line(await post('query', { idempotencyKey: 'k-2' }));
    expect(a.queryStatus).toMatchObject({ status: 'pending' });
    expect(b.queryStatus.queryId).toBe(a.queryStatus.queryId);
    expect(other.queryStatus.queryId).not.toBe(a.queryStatus.queryId);
    const noKey = await post('query', {});
    expect(noKey.status).toBe(400);
    expect((await noKey.json()).message).toMatch(/idempotencyKey/);
    const gone = await post('queries/not-a-query', {});
    expect(gone.status).toBe(404);
  });

  it('the client reports an expired query id as such', async () => {
    const c = client();
    const e = await c.http
      .call('/shares/s/schemas/d/tables/t/queries/expired-id', { method: 'POST', body: {}, what: 'waiting for the query of s.d.t' })
      .catch((err: SharingError) => err);
    expect(e).toBeInstanceOf(SharingError);
    expect((e as SharingError).status).toBe(404);
    expect((e as SharingError).message).toMatch(/waiting for the query of s\.d\.t.*expired/);
    await c.close();
  });
});
