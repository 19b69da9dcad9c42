import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { DATA } from './fixture';

let server: RunningSharingServer;
const get = (path: string, token = server.token) => fetch(`${server.url}/${path}`, { headers: { Authorization: `Bearer ${token}` } });

beforeAll(async () => {
  server = await startSharingServer({
    shares: [
      {
        name: 'sales.eu',
        schemas: [
          {
            name: 'gold',
            tables: [
              { name: 'simple', location: `${DATA}/simple_table` },
              { name: 'cdf', location: `${DATA}/cdf-table` },
            ],
          },
          { name: 'silver', tables: [{ name: 'dv', location: `${DATA}/table-with-dv-small` }] },
        ],
      },
      { name: 'empty', schemas: [] },
      { name: 'third', schemas: [] },
    ],
  });
});
afterAll(() => server.close());

/** Follows nextPageToken until exhausted, collecting item names. */
async function collect(path: string, maxResults: number): Promise<{ names: string[]; pages: number }> {
  const names: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const q = new URLSearchParams({ maxResults: String(maxResults) });
    if (token) q.set('pageToken', token);
    const res = await get(`${path}?${q}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items?: { name: string }[]; nextPageToken?: string };
    names.push(...(body.items ?? []).map((i) => i.name));
    token = body.nextPageToken || undefined;
    pages++;
  } while (token);
  return { names, pages };
}

describe('discovery', () => {
  it('binds to 127.0.0.1 under /delta-sharing', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/delta-sharing$/);
  });

  it('lists shares one per page with page tokens', async () => {
    expect(await collect('shares', 1)).toEqual({ names: ['sales.eu', 'empty', 'third'], pages: 3 });
    const all = (await (await get('shares')).json()) as { items: unknown[]; nextPageToken?: string };
    expect(all.items).toHaveLength(3);
    expect(all.nextPageToken).toBeUndefined();
  });

  it('gets a share with a dotted name, case-insensitively', async () => {
    const body = (await (await get('shares/SALES.EU')).json()) as { share: { name: string } };
    expect(body.share.name).toBe('sales.eu');
  });

  it('lists schemas, tables and all tables', async () => {
    expect((await collect('shares/sales.eu/schemas', 1)).names).toEqual(['gold', 'silver']);
    const tables = (await (await get('shares/sales.eu/schemas/gold/tables')).json()) as { items: any[] };
    expect(tables.items.map((t) => [t.share, t.schema, t.name])).toEqual([
      ['sales.eu', 'gold', 'simple'],
      ['sales.eu', 'gold', 'cdf'],
    ]);
    expect(new Set(tables.items.map((t) => t.id)).size).toBe(2);
    expect(await collect('shares/sales.eu/all-tables', 2)).toEqual({ names: ['simple', 'cdf', 'dv'], pages: 2 });
  });

  it('returns no items but a token for maxResults=0', async () => {
    const body = (await (await get('shares?maxResults=0')).json()) as { items: unknown[]; nextPageToken?: string };
    expect(body.items).toEqual([]);
    expect(body.nextPageToken).toBeTruthy();
  });

  it('answers 404 with an error body for unknown shares, schemas and tables', async () => {
    for (const path of ['shares/nope', 'shares/sales.eu/schemas/nope/tables', 'shares/sales.eu/schemas/gold/tables/nope/version']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { errorCode: string }).errorCode).toBe('RESOURCE_DOES_NOT_EXIST');
    }
  });

  it('refuses a wrong or missing token with 401 and a body', async () => {
    const res = await get('shares', 'not-the-token');
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errorCode: string; message: string };
    expect(body.errorCode).toBe('UNAUTHENTICATED');
    expect(body.message).not.toContain('not-the-token');
    expect((await fetch(`${server.url}/shares`)).status).toBe(401);
  });

  it('refuses a page token used for another listing and a bad maxResults', async () => {
    const first = (await (await get('shares?maxResults=1')).json()) as { nextPageToken: string };
    expect((await get(`shares/sales.eu/schemas?pageToken=${first.nextPageToken}`)).status).toBe(400);
    const bad = await get('shares?maxResults=abc');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errorCode: string }).errorCode).toBe('INVALID_PARAMETER_VALUE');
  });
});
