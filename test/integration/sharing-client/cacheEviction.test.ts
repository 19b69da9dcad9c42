/**
 * The file cache under a tiny cap, with real downloads from our server: least recently used files
 * go first and the eviction is reported with its count and bytes, while the files a running
 * statement reads — of every shared table it names — are never evicted from under it.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedTables } from '../../../kernel/session/sharing/SharedTables';
import { sharedTableSql, SharingClient, type Eviction } from '../../../kernel/sharing/client';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { writeRangeTable } from '../../helpers/rangeTable';

const dir = mkdtempSync(join(tmpdir(), 'silt-evict-'));
let server: RunningSharingServer;
let conn: DuckDBConnection;
let profile: string;

/** Bytes of each table's Parquet files on disk, for figures computed apart from the cache. */
const tableFiles = (name: string) =>
  readdirSync(join(dir, name))
    .filter((n) => n.endsWith('.parquet'))
    .map((n) => statSync(join(dir, name, n)).size);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const count = async (sql: string) => Number((await conn.runAndReadAll(sql)).getRows()[0][0]);

beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  await writeRangeTable(conn, join(dir, 'a'), 4, 2000, 64);
  await writeRangeTable(conn, join(dir, 'b'), 4, 2000, 64);
  await writeRangeTable(conn, join(dir, 'c'), 2, 2000, 64);
  await writeRangeTable(conn, join(dir, 'd'), 2, 2000, 64);
  server = await startSharingServer({
    shares: [
      {
        name: 'lab',
        schemas: [
          {
            name: 'raw',
            tables: [
              { name: 'a', location: join(dir, 'a') },
              { name: 'b', location: join(dir, 'b') },
              { name: 'c', location: join(dir, 'c') },
              { name: 'd', location: join(dir, 'd') },
            ],
          },
        ],
      },
    ],
  });
  profile = JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token });
});
afterAll(async () => {
  conn?.closeSync();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a capped file cache', () => {
  it('evicts the least recently used table’s files, says how many and how big, and keeps the running read’s', async () => {
    const a = tableFiles('a');
    const b = tableFiles('b');
    // Room for one table, not two.
    const cap = Math.max(sum(a), sum(b)) + 100;
    const evictions: Eviction[] = [];
    const cacheDir = join(dir, 'cache1');
    const client = SharingClient.fromProfile(profile, { cacheDir, cacheMaxBytes: cap, onCacheEvict: (e) => evictions.push(e) });
    try {
      const first = await sharedTableSql(client, { share: 'lab', schema: 'raw', table: 'a' });
      expect(evictions).toEqual([]);
      // Table a was used a minute ago; b downloads now and pushes the cache over its cap.
      const past = new Date(Date.now() - 120_000);
      for (const p of first.paths) utimesSync(p, past, past);
      const second = await sharedTableSql(client, { share: 'lab', schema: 'raw', table: 'b' });
      expect(evictions).toHaveLength(1);
      expect(evictions[0]).toMatchObject({ files: 4, bytes: sum(a), total: sum(b), cap });
      expect(readdirSync(join(cacheDir, 'files')).length).toBe(4);
      expect(await count(`SELECT count(*) FROM (${second.sql})`)).toBe(8000);
    } finally {
      await client.close();
    }
  });

  it('keeps every table of one statement while it runs, even under a 1-byte cap, and reports going over', async () => {
    const previous = process.env.SILT_CACHE_MAX;
    process.env.SILT_CACHE_MAX = '1';
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      if (String(chunk).startsWith('sharing cache:')) lines.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stderr.write;
    const shared = new SharedTables(conn);
    try {
      shared.addProfile(profile, 'lab_profile');
      const sql = await shared.resolve('SELECT (SELECT count(*) FROM lab.raw.a) + (SELECT count(*) FROM lab.raw.b WHERE id >= 0)');
      // Reading b evicted nothing of a: the statement still reads both tables' files in full.
      expect(await count(sql)).toBe(16_000);
      const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
      const [a, b] = [sum(tableFiles('a')), sum(tableFiles('b'))];
      expect(lines).toEqual([
        `sharing cache: ${kb(a)}, over its cap of 1 B, as the running query reads all of it\n`,
        `sharing cache: ${kb(a + b)}, over its cap of 1 B, as the running query reads all of it\n`,
      ]);
      // The last two statements stay held (a background job may resolve between a cell's resolve
      // and its query's end); the one before goes once a third statement downloads.
      const [c, d] = [sum(tableFiles('c')), sum(tableFiles('d'))];
      expect(await count(await shared.resolve('SELECT count(*) FROM lab.raw.c'))).toBe(4000);
      expect(lines[2]).toBe(`sharing cache: ${kb(a + b + c)}, over its cap of 1 B, as the running query reads all of it\n`);
      expect(await count(await shared.resolve('SELECT count(*) FROM lab.raw.d'))).toBe(4000);
      expect(lines[3]).toBe(
        `sharing cache: evicted 8 least recently used files (${kb(a + b)}) to stay under its cap of 1 B; still ${kb(c + d)}, over the cap, as the running query reads the rest\n`,
      );
      expect(lines).toHaveLength(4);
    } finally {
      process.stderr.write = write;
      if (previous === undefined) delete process.env.SILT_CACHE_MAX;
      else process.env.SILT_CACHE_MAX = previous;
      await shared.close();
    }
  });

  it('keeps a run’s files for as long as the run holds them, however many statements other runs resolve', async () => {
    const previous = process.env.SILT_CACHE_MAX;
    process.env.SILT_CACHE_MAX = '1';
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
      String(chunk).startsWith('sharing cache:') ? true : write(chunk, ...rest)) as typeof process.stderr.write;
    const shared = new SharedTables(conn);
    try {
      shared.addProfile(profile, 'lab_profile');
      const mine: (() => void)[] = [];
      // A long cell's statement, holding its files the way a session run does.
      const long = await shared.resolve('SELECT count(*) FROM lab.raw.a', { hold: (release) => mine.push(release) });
      // Meanwhile other runs (live re-runs, a background job) resolve three statements of their own.
      for (const t of ['b', 'c', 'd'])
        expect(await count(await shared.resolve(`SELECT count(*) FROM lab.raw.${t}`))).toBe(t === 'b' ? 8000 : 4000);
      // Under a 1-byte cap, the long statement's files are all still there to read.
      expect(await count(long)).toBe(8000);
      for (const release of mine) release();
    } finally {
      process.stderr.write = write;
      if (previous === undefined) delete process.env.SILT_CACHE_MAX;
      else process.env.SILT_CACHE_MAX = previous;
      await shared.close();
    }
  });
});
