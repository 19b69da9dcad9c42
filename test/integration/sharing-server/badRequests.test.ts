import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { DATA, Fixture, ndjson, startFixture } from './fixture';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture(['simple_table']);
});
afterAll(() => fx.close());

async function post(body: string): Promise<{ status: number; errorCode: string; message: string }> {
  const res = await fx.fetch(`${fx.table('simple_table')}/query`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  const json = (await res.json()) as { errorCode: string; message: string };
  return { status: res.status, ...json };
}

describe('query validation', () => {
  it('answers 400 MALFORMED_REQUEST for a body that is not JSON or not an object', async () => {
    for (const body of ['{"version": ', '[1,2]']) {
      const r = await post(body);
      expect(r.status).toBe(400);
      expect(r.errorCode).toBe('MALFORMED_REQUEST');
    }
  });

  it.each([
    [{ version: 1, timestamp: '2020-04-27T06:23:06Z' }, /only one of/],
    [{ version: 1, startingVersion: 0 }, /only one of/],
    [{ version: -1 }, /negative/],
    [{ maxFiles: 0 }, /maxFiles/],
    [{ endingVersion: 2 }, /endingVersion needs startingVersion/],
    [{ startingVersion: 3, endingVersion: 1 }, /after endingVersion/],
    [{ version: 1, includeRefreshToken: true }, /latest snapshot/],
    [{ timestamp: '1587968586154' }, /ISO-8601/],
    [{ version: 99 }, /latest version is 4/],
    [{ timestamp: '2000-01-01T00:00:00Z' }, /before the earliest commit/],
  ])('refuses %j with 400', async (body, message) => {
    const r = await post(JSON.stringify(body));
    expect(r.status).toBe(400);
    expect(r.errorCode).toBe('INVALID_PARAMETER_VALUE');
    expect(r.message).toMatch(message);
  });

  it('refuses conflicting metadata parameters', async () => {
    const a = await ndjson(await fx.fetch(`${fx.table('simple_table')}/metadata?version=1&timestamp=2020-04-27T06:23:06Z`));
    expect(a.status).toBe(400);
  });

  it('accepts an empty body as {}', async () => {
    expect((await fx.fetch(`${fx.table('simple_table')}/query`, { method: 'POST' })).status).toBe(200);
  });

  it('supports the deprecated HEAD version call, with no body on 404', async () => {
    const ok = await fx.fetch(fx.table('simple_table'), { method: 'HEAD' });
    expect(ok.headers.get('delta-table-version')).toBe('4');
    const missing = await fx.fetch('shares/test.share/schemas/s/tables/nope', { method: 'HEAD' });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('');
  });

  it('says temporary credentials are unsupported', async () => {
    const res = await fx.fetch(`${fx.table('simple_table')}/temporary-table-credentials`, { method: 'POST' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errorCode: string }).errorCode).toBe('UNSUPPORTED_OPERATION');
  });
});

describe('history sharing', () => {
  let server: RunningSharingServer;
  beforeAll(async () => {
    server = await startSharingServer({
      shares: [{ name: 'x', schemas: [{ name: 's', tables: [{ name: 't', location: `${DATA}/simple_table` }] }] }],
    });
  });
  afterAll(() => server.close());

  it('refuses time travel on a table shared without history but serves the latest snapshot', async () => {
    const q = (body: unknown) =>
      fetch(`${server.url}/shares/x/schemas/s/tables/t/query`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const old = await q({ version: 1 });
    expect(old.status).toBe(400);
    expect(((await old.json()) as { message: string }).message).toMatch(/without its history/);
    expect((await q({})).status).toBe(200);
  });
});
