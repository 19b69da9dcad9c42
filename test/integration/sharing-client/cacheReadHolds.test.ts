/**
 * The moment between a read finding or downloading its files and its caller holding them for the
 * statement: another cache on the same folder (another session, or another profile of this one)
 * evicting right then, under a 1-byte limit, leaves the read's files in place. Real downloads from our
 * server.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileCache, sharedChangesSql, sharedTableSql, SharingClient, type Eviction } from '../../../kernel/sharing/client';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { writeRangeTable } from '../../helpers/rangeTable';
import { SHARED } from '../../helpers/shared';

const dir = mkdtempSync(join(tmpdir(), 'silt-read-holds-'));
let server: RunningSharingServer;
let conn: DuckDBConnection;
let profile: string;

beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  await writeRangeTable(conn, join(dir, 'a'), 4, 2000, 64);
  // A Databricks-written table with a change data feed, for reads of its changes.
  cpSync(join(SHARED, 'data', 'delta', 'simple_table_with_cdc'), join(dir, 'cdc'), { recursive: true });
  server = await startSharingServer({
    shares: [
      {
        name: 'lab',
        schemas: [
          {
            name: 'raw',
            tables: [
              { name: 'a', location: join(dir, 'a') },
              { name: 'cdc', location: join(dir, 'cdc'), historyShared: true, cdfEnabled: true },
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

describe('a read’s files before its statement holds them', () => {
  it('stay when another cache of the folder evicts while the read finishes', async () => {
    const cacheDir = join(dir, 'cache');
    const client = SharingClient.fromProfile(profile, { cacheDir, cacheMaxBytes: 1e9 });
    const other = new FileCache(cacheDir, 1, () => undefined);
    const evictions: Promise<Eviction>[] = [];
    const ref = { share: 'lab', schema: 'raw', table: 'a' };
    try {
      for (const round of ['downloads', 'reopens from the cache']) {
        // The other cache evicts as soon as this read has all its files: a download's end, or a lookup's.
        const read = await sharedTableSql(client, ref, {
          onProgress: (p) => {
            if (p.filesDone === p.files && evictions.length < (round === 'downloads' ? 1 : 2)) evictions.push(other.evict());
          },
        });
        // What SharedTables does right after the read returns.
        const release = client.fileCache().hold(read.paths);
        const e = await evictions.at(-1)!;
        expect([round, e.files]).toEqual([round, 0]);
        expect(read.paths.every((p) => existsSync(p))).toBe(true);
        expect(Number((await conn.runAndReadAll(`SELECT count(*) FROM (${read.sql})`)).getRows()[0][0])).toBe(8000);
        release();
      }
      // Held by nothing now: the other cache's next eviction takes them.
      expect((await other.evict()).files).toBe(4);
    } finally {
      await client.close();
    }
  });

  it("a read of changes says which files it reads, and once held they stay through another cache's eviction", async () => {
    const cacheDir = join(dir, 'cache-changes');
    const client = SharingClient.fromProfile(profile, { cacheDir, cacheMaxBytes: 1e9 });
    const other = new FileCache(cacheDir, 1, () => undefined);
    const ref = { share: 'lab', schema: 'raw', table: 'cdc' };
    try {
      const read = await sharedChangesSql(client, ref, { startingVersion: 0 });
      // What SharedTables does right after the read returns (it used to hold nothing for changes).
      const release = client.fileCache().hold(read.paths);
      expect(read.paths.length).toBeGreaterThan(0);
      expect((await other.evict()).files).toBe(0);
      expect(read.paths.every((p) => existsSync(p))).toBe(true);
      const changeRows = Number((await conn.runAndReadAll(`SELECT count(*) FROM (${read.sql})`)).getRows()[0][0]);
      expect(changeRows).toBeGreaterThan(0);
      release();
      expect((await other.evict()).files).toBe(read.paths.length);
    } finally {
      await client.close();
    }
  });
});
