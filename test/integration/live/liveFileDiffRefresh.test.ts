/**
 * A file diff (a live table shared without history) whose pre-signed URLs expire before its files
 * are downloaded, against the real sharing server with a 1 s URL expiry: the URLs are refreshed for
 * the same snapshot, so a commit that rewrote a file meanwhile does not fail the diff, and the rows
 * read are those of the listed version.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeltaWriter } from '../../../kernel/delta';
import { readFileDiff } from '../../../kernel/session/live/readFileDiff';
import { SharingClient } from '../../../kernel/sharing/client';
import { startSharingServer, type RunningSharingServer } from '../../../kernel/sharing/server';
import { COLUMNS, rowsSql } from './liveFixture';

let dir: string;
let conn: DuckDBConnection;
let writer: DeltaWriter;
let server: RunningSharingServer;
let client: SharingClient;
const ref = { share: 'lab', schema: 's', table: 'plain' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-diff-refresh-'));
  conn = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
  writer = await DeltaWriter.create(join(dir, 'plain'), { columns: COLUMNS, enableChangeDataFeed: false });
  for (let i = 0; i < 3; i++) await writer.appendFromQuery(conn, rowsSql(i * 100, 100));
  server = await startSharingServer({
    urlExpirySeconds: 1,
    shares: [{ name: 'lab', schemas: [{ name: 's', tables: [{ name: 'plain', location: join(dir, 'plain'), historyShared: false }] }] }],
  });
  client = SharingClient.fromProfile(JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token }), {
    cacheDir: join(dir, 'cache'),
  });
}, 60_000);

afterAll(async () => {
  await client?.close();
  await server?.close();
  conn?.closeSync();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a file diff whose URLs expired', () => {
  it('refreshes them for the listed snapshot and reads its rows, though a commit rewrote a file since', async () => {
    const listing = await client.queryTable(ref);
    expect(listing.files).toHaveLength(3);
    const expires = Math.max(...listing.files.map((f) => f.expirationTimestamp ?? 0));
    expect(expires).toBeGreaterThan(0);
    // A commit that rewrites the file holding ids 0..99 (it leaves the latest listing).
    await writer.deleteWhere(conn, 'id < 50');
    // Until the listing's URLs are refused by the server.
    while (Date.now() <= expires + 50) await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(listing.files[0].url)).status).toBeGreaterThanOrEqual(400);

    const diff = await readFileDiff(client, ref, new Map(), {}, listing);
    expect(diff.version).toBe(listing.version);
    expect(diff.bytes).toBe(listing.files.reduce((s, f) => s + f.size, 0));
    const reader = await conn.runAndReadAll(`SELECT count(*)::INTEGER, min(id)::INTEGER FROM (${diff.sql})`);
    // The listed version's rows (300, from id 0), not the newer version's (250, from id 50).
    expect(reader.getRowsJson()[0]).toEqual([300, 0]);
  }, 60_000);
});
