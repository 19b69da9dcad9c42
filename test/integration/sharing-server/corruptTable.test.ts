/**
 * Our server answers a table whose log is damaged with a 400 CORRUPT_TABLE that names the table and
 * the file (relative to the table, never this machine's paths), not a 500 "internal server error"
 * that sends clients into retries; and our client then says `corrupt` after one request.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharingClient } from '../../../kernel/sharing/client';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { DATA, Fixture, ndjson } from './fixture';

let dir: string;
let fx: Fixture;
let server: RunningSharingServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-corrupt-'));
  cpSync(join(DATA, 'table-with-cdf'), join(dir, 'commit'), { recursive: true });
  const commit = join(dir, 'commit', '_delta_log', '00000000000000000002.json');
  writeFileSync(commit, readFileSync(commit, 'utf8').replace(/\n(.)/, '\n{"add": {"path": $1'));
  cpSync(join(DATA, 'app-txn-checkpoint'), join(dir, 'checkpoint'), { recursive: true });
  writeFileSync(join(dir, 'checkpoint', '_delta_log', '00000000000000000001.checkpoint.parquet'), 'PAR1 this is not parquet PAR1');
  server = await startSharingServer({
    shares: [
      {
        name: 'h',
        schemas: [
          {
            name: 'default',
            tables: [
              { name: 't', location: join(dir, 'commit'), historyShared: true },
              { name: 'cp', location: join(dir, 'checkpoint'), historyShared: true },
            ],
          },
        ],
      },
    ],
  });
  fx = new Fixture(server);
});
afterAll(() => server?.close());

async function query(table: string) {
  const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' };
  return ndjson(await fx.fetch(`shares/h/schemas/default/tables/${table}/query`, init));
}

describe('a table with a damaged log', () => {
  it('/query, /metadata and /changes answer 400 CORRUPT_TABLE naming the commit, the table and the file', async () => {
    const answers = [
      await query('t'),
      await ndjson(await fx.fetch('shares/h/schemas/default/tables/t/metadata')),
      await ndjson(await fx.fetch('shares/h/schemas/default/tables/t/changes?startingVersion=0')),
    ];
    for (const a of answers) {
      expect(a.status).toBe(400);
      expect(a.error!.errorCode).toBe('CORRUPT_TABLE');
      expect(a.error!.message).toBe('commit 2 of h.default.t is corrupt (…/_delta_log/00000000000000000002.json, line 2): not valid JSON');
      expect(a.error!.message).not.toContain(dir);
    }
  });

  it('a checkpoint that is not Parquet is corrupt too, named by version and file', async () => {
    const a = await query('cp');
    expect(a.status).toBe(400);
    expect(a.error!.errorCode).toBe('CORRUPT_TABLE');
    expect(a.error!.message).toMatch(
      /^checkpoint 1 of h\.default\.cp is corrupt \(…\/_delta_log\/00000000000000000001\.checkpoint\.parquet\)/,
    );
    expect(a.error!.message).not.toContain(dir);
  });

  it('the client reports code corrupt after one request, and tells the user retrying will not help', async () => {
    let requests = 0;
    const client = SharingClient.fromProfile(
      JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token }),
    );
    const call = client.http.call.bind(client.http);
    client.http.call = ((path: string, o: Parameters<typeof call>[1]) => {
      requests++;
      return call(path, o);
    }) as typeof client.http.call;
    const e = await client.queryTable({ share: 'h', schema: 'default', table: 't' }).catch((x) => x);
    expect(e).toMatchObject({ code: 'corrupt', status: 400, serverCode: 'CORRUPT_TABLE', retryable: false });
    expect(e.message).toMatch(/commit 2 of h\.default\.t is corrupt .*retrying will not help/);
    expect(e.message).not.toMatch(/retry later/);
    expect(requests).toBe(1);
    await client.close();
  });
});
