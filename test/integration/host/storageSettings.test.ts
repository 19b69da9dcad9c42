/**
 * The download cache as the Storage settings see it, through the real host and real sessions against
 * our sharing server: every notebook's session downloads into one folder, which stays under one limit
 * counted over every file in it (measured here from disk, apart from the cache's own figures); a
 * limit saved in settings.json wins over SILT_CACHE_MAX; a size it cannot read is refused by name and
 * saves nothing; Empty cache frees what no running statement reads (the files of a statement another
 * process is running stay), and the next read downloads again.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heldNames } from '../../../kernel/sharing/client/cacheHolds';
import { startSharingServer, writeProfile, type RunningSharingServer } from '../../../kernel/sharing/server';
import { ProtocolClient, startHost, type RunningHost } from '../../helpers/startHost';
import { writeRangeTable } from '../../helpers/rangeTable';

let dir: string;
let server: RunningSharingServer;
let host: RunningHost;
let client: ProtocolClient;
let one: string;
let two: string;

/** Sizes of each table's Parquet files as written, for figures computed apart from the cache. */
const tableFiles = (name: string) =>
  readdirSync(join(dir, name))
    .filter((n) => n.endsWith('.parquet'))
    .map((n) => statSync(join(dir, name, n)).size)
    .sort((a, b) => a - b);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** The cache folder's complete files, read from disk: the sizes, sorted. */
const cacheDir = () => join(host.home, 'cache', 'sharing');
const onDisk = () => {
  const files = join(cacheDir(), 'files');
  if (!existsSync(files)) return [];
  return readdirSync(files)
    .filter((n) => n.endsWith('.parquet'))
    .map((n) => statSync(join(files, n)).size)
    .sort((a, b) => a - b);
};
const settingsFile = () => join(host.home, 'settings.json');

async function count(sessionId: string, table: string): Promise<number> {
  const r = await client.request('execute', {
    sessionId,
    runId: `r${Math.random()}`,
    cellId: 'c1',
    language: 'sql',
    code: `SELECT count(*) AS n FROM lab.raw.${table}`,
  });
  expect(r.status).toBe('ok');
  const out = r.outputs.find((o) => o.kind === 'table');
  return Number((out as unknown as { rows: unknown[][] }).rows[0][0]);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-storage-'));
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  await writeRangeTable(conn, join(dir, 'a'), 4, 2000, 64);
  await writeRangeTable(conn, join(dir, 'b'), 4, 2000, 64);
  await writeRangeTable(conn, join(dir, 'c'), 2, 2000, 64);
  conn.closeSync();
  server = await startSharingServer({
    shares: [
      {
        name: 'lab',
        schemas: [{ name: 'raw', tables: ['a', 'b', 'c'].map((t) => ({ name: t, location: join(dir, t) })) }],
      },
    ],
  });
  writeProfile(join(dir, 'lab.share'), server.url, server.token);
  // The environment would let the cache keep everything: only the setting can make it evict.
  host = await startHost(['--profile', join(dir, 'lab.share')], { env: { SILT_CACHE_MAX: '10GB' } });
  client = await ProtocolClient.connect(host);
  one = (await client.request('session.open', { key: 'one' })).sessionId;
  two = (await client.request('session.open', { key: 'two' })).sessionId;
}, 60_000);

afterAll(async () => {
  client?.close();
  await host?.stop();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the Storage settings', () => {
  it('show the cache folder, an empty cache, and the limit SILT_CACHE_MAX sets', async () => {
    const v = await client.request('settings.storage', {});
    expect(v).toMatchObject({
      cacheDir: cacheDir(),
      usedBytes: 0,
      usedFiles: 0,
      limitBytes: 10e9,
      limitSource: 'environment',
      fromEnvironment: '10GB',
    });
    expect(v.file).toBe(settingsFile());
  });

  it('refuse a size they cannot read, naming what was typed, and save nothing', async () => {
    const err = (await client.request('settings.setStorage', { cacheMax: '20 gigs' }).catch((e) => e)) as Error & { code: string };
    expect(err.code).toBe('bad-request');
    expect(err.message).toBe('The cache limit must be a size such as 20GB or 500MB, not "20 gigs"');
    expect(existsSync(settingsFile())).toBe(false);
  });

  it('keep two sessions’ downloads together under a limit saved in settings.json, which beats SILT_CACHE_MAX', async () => {
    const [a, b] = [tableFiles('a'), tableFiles('b')];
    // Room for one table, not two.
    const cap = Math.max(sum(a), sum(b)) + 100;
    const v = await client.request('settings.setStorage', { cacheMax: `${cap} B` });
    expect(v).toMatchObject({ limitBytes: cap, limitSource: 'settings', setting: `${cap} B` });
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8')).storage).toEqual({ cacheMax: `${cap} B` });
    expect(statSync(settingsFile()).mode & 0o777).toBe(0o600);

    expect(await count(one, 'a')).toBe(8000);
    expect(onDisk()).toEqual(a);
    // The other session's download pushes the one folder over the limit: a's files (its run over) go.
    expect(await count(two, 'b')).toBe(8000);
    expect(onDisk()).toEqual(b);
    expect(sum(onDisk())).toBeLessThanOrEqual(cap);
    const after = await client.request('settings.storage', {});
    expect([after.usedBytes, after.usedFiles]).toEqual([sum(b), b.length]);
  });

  it('Empty cache frees what the cache holds, and the next read downloads again', async () => {
    const b = tableFiles('b');
    const r = await client.request('storage.emptyCache', {});
    expect(r).toMatchObject({ freedBytes: sum(b), freedFiles: b.length, keptBytes: 0, keptFiles: 0 });
    expect(r.message).toMatch(/^Freed \d+\.\d KB \(4 files\)\.$/);
    expect(onDisk()).toEqual([]);
    expect([r.view.usedBytes, r.view.usedFiles]).toEqual([0, 0]);
    expect(await count(one, 'b')).toBe(8000);
    expect(onDisk()).toEqual(b);
  });

  it('Empty cache leaves the files a statement of another process is reading, and says so', async () => {
    await client.request('settings.setStorage', { cacheMax: '' });
    await client.request('storage.emptyCache', {});
    const c = tableFiles('c');
    // A long statement in session two reads c (its files held for the run), then keeps running.
    const running = client.request('execute', {
      sessionId: two,
      runId: 'long',
      cellId: 'c2',
      language: 'sql',
      code: 'SELECT (SELECT count(*) FROM lab.raw.c) + (SELECT count(*) FROM range(100000000000))',
    });
    await expect.poll(() => onDisk().length, { timeout: 20_000 }).toBe(c.length);
    // Downloaded; its hold follows at once. Waiting for it where other processes see it (a failure to
    // publish it then shows as c's files freed below, not as a timeout here).
    for (let t = Date.now(); heldNames(cacheDir()).size < c.length && Date.now() - t < 5000;) await new Promise((r) => setTimeout(r, 20));
    const r = await client.request('storage.emptyCache', {});
    expect(r).toMatchObject({ freedFiles: 0, keptBytes: sum(c), keptFiles: c.length });
    expect(r.message).toMatch(/^Nothing was freed: the 2 files \(.+\) in the cache are being read by a running statement\./);
    expect(onDisk()).toEqual(c);
    await client.request('session.interrupt', { sessionId: two });
    expect((await running).status).toBe('interrupted');
    // The run is over: its files are free to go.
    expect(await client.request('storage.emptyCache', {})).toMatchObject({ freedBytes: sum(c), freedFiles: c.length, keptFiles: 0 });
    expect(onDisk()).toEqual([]);
  }, 60_000);
});
