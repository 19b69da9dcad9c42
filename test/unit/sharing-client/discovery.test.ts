import { afterEach, describe, expect, it } from 'vitest';
import { parseTableRef, SharingClient, SharingError } from '../../../kernel/sharing/client';
import { bearerProfile, FAST, json, startServer } from './httpServer';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

describe('discovery', () => {
  it('follows pages until the token is missing or "", whatever the page sizes; missing items = [] (checklist 1–3)', async () => {
    const s = await startServer((req, res) => {
      const token = req.url.searchParams.get('pageToken');
      if (req.url.pathname.endsWith('/shares')) {
        if (!token) return json(res, 200, { nextPageToken: 'p2' }); // no items at all, but more pages
        if (token === 'p2') return json(res, 200, { items: [], nextPageToken: 'p3' });
        if (token === 'p3') return json(res, 200, { items: [{ name: 'a.b' }], nextPageToken: 'p4' }); // short page, not the end
        return json(res, 200, { items: [{ name: 'c' }], nextPageToken: '' });
      }
      json(res, 200, { items: [{ name: 'x', share: 'a.b' }] });
    });
    closers.push(s.close);
    const client = SharingClient.fromProfile(bearerProfile(s.url), FAST);
    expect((await client.listShares()).map((x) => x.name)).toEqual(['a.b', 'c']);
    expect(s.seen.every((r) => Number(r.url.searchParams.get('maxResults')) >= 1)).toBe(true);
    await client.listSchemas('a.b');
    await client.listTables('a.b', 'sch ema');
    await client.listAllTables('a/b');
    const paths = s.seen.slice(-3).map((r) => r.url.pathname);
    // checklist 4: every segment percent-encoded
    expect(paths).toEqual([
      '/delta-sharing/shares/a.b/schemas',
      '/delta-sharing/shares/a.b/schemas/sch%20ema/tables',
      '/delta-sharing/shares/a%2Fb/all-tables',
    ]);
    await client.close();
  });

  it('truncates over-long share fields instead of failing (checklist 5)', async () => {
    const props = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, 'v'.repeat(2000)]));
    const s = await startServer((_req, res) =>
      json(res, 200, { share: { name: 's', displayName: 'd'.repeat(300), comment: 'c'.repeat(70000), properties: props } }),
    );
    closers.push(s.close);
    const client = SharingClient.fromProfile(bearerProfile(s.url), FAST);
    const share = await client.getShare('s');
    expect(share.displayName!.length).toBe(255);
    expect(share.comment!.length).toBe(65536);
    expect(Object.keys(share.properties!).length).toBe(50);
    expect(share.properties!.k0.length).toBe(1000);
    await client.close();
  });

  it('parses share.schema.table from the right, since share names may contain dots (checklist 4)', () => {
    expect(parseTableRef('my.share.sales.orders')).toEqual({ share: 'my.share', schema: 'sales', table: 'orders' });
    expect(() => parseTableRef('orders')).toThrow(SharingError);
  });

  it('reads /version (GET, startingTimestamp ISO-encoded) from Delta-Table-Version (checklist 12, 13, 15)', async () => {
    const s = await startServer((req, res) => {
      if (req.url.searchParams.get('startingTimestamp')) res.setHeader('delta-table-version', '3');
      else if (!req.url.pathname.includes('broken')) res.setHeader('Delta-Table-Version', '7');
      res.end();
    });
    closers.push(s.close);
    const client = SharingClient.fromProfile(bearerProfile(s.url), FAST);
    const ref = { share: 's', schema: 'd', table: 't' };
    expect(await client.tableVersion(ref)).toBe(7);
    expect(await client.tableVersion(ref, { startingTimestamp: Date.parse('2024-05-01T10:00:00Z') })).toBe(3);
    expect(s.seen[1].method).toBe('GET');
    expect(s.seen[1].url.pathname).toBe('/delta-sharing/shares/s/schemas/d/tables/t/version');
    expect(s.seen[1].url.search).toBe('?startingTimestamp=2024-05-01T10%3A00%3A00.000Z');
    await expect(client.tableVersion({ ...ref, table: 'broken' })).rejects.toThrow(/Delta-Table-Version/);
    await client.close();
  });
});
