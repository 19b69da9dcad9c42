/**
 * Export and publish through the real `silt serve`: the protocol over a WebSocket, the session
 * process, progress events, cancel, and the publishing server the host starts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../kernel/protocol';
import { ProtocolClient, startHost, type RunningHost } from '../../helpers/startHost';

let host: RunningHost;
let client: ProtocolClient;
let sessionId: string;
const ROWS = 300_000;

beforeAll(async () => {
  host = await startHost();
  client = await ProtocolClient.connect(host);
  await client.request('hello', { protocolVersion: 1 });
  ({ sessionId } = await client.request('session.open', { key: 'export-test' }));
  await client.request('execute', {
    sessionId,
    runId: 'r1',
    cellId: 'c1',
    language: 'sql',
    code: `SELECT range AS id, 'item ' || range AS label FROM range(${ROWS})`,
    name: 'orders',
  });
});
afterAll(async () => {
  client?.close();
  await host?.stop();
});

const progress = (exportId: string) =>
  client.events.filter(
    (e): e is Extract<EventMessage, { type: 'export.progress' }> => e.type === 'export.progress' && e.exportId === exportId,
  );

describe('data.export through the host', () => {
  it('writes the CSV next to the notebooks, with a header and every row, and reports progress', async () => {
    const r = await client.request('data.export', { sessionId, handle: 'orders', format: 'csv', path: 'orders.csv', exportId: 'e1' });
    expect(r.path).toBe(join(host.workspace, 'orders.csv'));
    expect(r.rows).toBe(ROWS);
    const lines = readFileSync(r.path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines[0]).toBe('id,label');
    await new Promise((res) => setTimeout(res, 50));
    expect(progress('e1').at(-1)).toMatchObject({ sessionId, done: ROWS, total: ROWS });
  });

  it('cancel stops a running export: the request fails as cancelled and no file appears', async () => {
    const running = client.request('data.export', { sessionId, handle: 'orders', format: 'xlsx', path: 'orders.xlsx', exportId: 'e2' });
    while (progress('e2').length === 0) await new Promise((res) => setTimeout(res, 10));
    expect(await client.request('data.exportCancel', { sessionId, exportId: 'e2' })).toEqual({ cancelled: true });
    await expect(running).rejects.toThrow('The export was cancelled; no file was written.');
    expect(readdirSync(host.workspace).filter((f) => f.includes('orders.xlsx'))).toEqual([]);
  });

  it('while a cell runs, an export is refused (its cancel would interrupt the cell)', async () => {
    const cell = client.request('execute', {
      sessionId,
      runId: 'long',
      cellId: 'c2',
      language: 'sql',
      code: 'SELECT count(*) FROM range(100000000000)',
    });
    await new Promise((res) => setTimeout(res, 300));
    await expect(
      client.request('data.export', { sessionId, handle: 'orders', format: 'csv', path: 'busy.csv', exportId: 'e4' }),
    ).rejects.toThrow(/A cell is running; export once it has finished/);
    await client.request('session.interrupt', { sessionId });
    expect((await cell).status).toBe('interrupted');
    expect(existsSync(join(host.workspace, 'busy.csv'))).toBe(false);
  });

  it('a result the session does not hold is refused with "run the cell first"', async () => {
    await expect(
      client.request('data.export', { sessionId, handle: '__silt_result_404', format: 'csv', path: 'x.csv', exportId: 'e3' }),
    ).rejects.toThrow(/run the cell first/);
    expect(existsSync(join(host.workspace, 'x.csv'))).toBe(false);
  });
});

describe('data.publish through the host', () => {
  it('publishes to share silt, schema published, and hands back the profile the host wrote', async () => {
    const r = await client.request('data.publish', { sessionId, handle: 'orders', name: 'orders', mode: 'replace' });
    const profilePath = join(host.home, 'profiles', 'published.share');
    expect(r).toMatchObject({ share: 'silt', schema: 'published', table: 'orders', version: 0, rows: ROWS, profilePath });
    const profile = JSON.parse(readFileSync(profilePath, 'utf8'));
    expect(r.endpoint).toBe(profile.endpoint);
    expect(existsSync(join(host.workspace, '.silt', 'published', 'orders', '_delta_log', '00000000000000000000.json'))).toBe(true);
    // The table is served right away, to a plain HTTP client holding the profile's token.
    const res = await fetch(`${profile.endpoint}/shares/silt/schemas/published/tables`, {
      headers: { Authorization: `Bearer ${profile.bearerToken}` },
    });
    expect((await res.json()).items.map((t: { name: string }) => t.name)).toEqual(['orders']);
  });

  it('saves a copy of the profile where the user asks', async () => {
    const r = await client.request('data.saveProfile', { sessionId, path: 'bi.share' });
    expect(r.path).toBe(join(host.workspace, 'bi.share'));
    expect(JSON.parse(readFileSync(r.path, 'utf8')).shareCredentialsVersion).toBe(1);
  });
});
