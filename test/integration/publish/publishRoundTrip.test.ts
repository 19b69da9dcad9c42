/**
 * Publish a result as a Delta table and read it back the way a BI tool would: through the
 * publishing server's Delta Sharing endpoint over real HTTP, with the profile it wrote.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckEngine } from '../../../kernel/engine/DuckEngine';
import { publishResult, saveProfile } from '../../../kernel/publish/publishResult';
import { startPublishingServer, type PublishingServer } from '../../../kernel/publish/startPublishingServer';
import { sharedTableSql, SharingClient } from '../../../kernel/sharing/client';
import { checksumSql } from '../../helpers/checksumSql';

let home: string;
let engine: DuckEngine;
let publishing: PublishingServer;
let client: SharingClient;

const RESULT = `SELECT range::INTEGER AS id, 'region ' || (range % 7) AS region, (range * 2.5)::DECIMAL(10,2) AS amount,
  DATE '2025-03-01' + (range % 30)::INTEGER AS day, TIMESTAMP '2025-03-01 12:00:00' + to_seconds(range) AS at FROM range(5000)`;

/** The same checksum over the published table (read through sharing) and over a local query. */
const CHECK = (from: string) =>
  `SELECT count(*)::INTEGER, ${checksumSql('id', 'sum', { type: 'primitive', name: 'integer' })}, ${checksumSql('amount', 'sum', { type: 'decimal', precision: 10, scale: 2 })},
   ${checksumSql('region', 'countDistinct', { type: 'primitive', name: 'string' })}, ${checksumSql('day', 'max', { type: 'primitive', name: 'date' })},
   ${checksumSql('at', 'maxEpochUs', { type: 'primitive', name: 'timestamp' })} FROM (${from})`;

async function rows(sql: string) {
  return (await engine.connection.runAndReadAll(sql)).getRowsJson();
}

async function readPublished(table: string): Promise<{ sql: string; version: number }> {
  return sharedTableSql(client, { share: 'silt', schema: 'published', table });
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'silt-publish-'));
  engine = await DuckEngine.create();
  publishing = await startPublishingServer({ workspace: join(home, 'workspace'), profileDir: join(home, 'profiles') });
  client = SharingClient.fromProfile(publishing.target.profilePath, { cacheDir: join(home, 'cache') });
});
afterAll(async () => {
  await client.close();
  await publishing.close();
  await engine.close();
  rmSync(home, { recursive: true, force: true });
});

describe('publish as a shared table', () => {
  it('writes the profile a BI tool needs, owner-only, pointing at 127.0.0.1', () => {
    const profile = JSON.parse(readFileSync(publishing.target.profilePath, 'utf8'));
    expect(profile.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/delta-sharing$/);
    expect(profile.bearerToken.length).toBeGreaterThan(20);
    expect(statSync(publishing.target.profilePath).mode & 0o777).toBe(0o600);
    expect(publishing.target.profilePath).toBe(join(home, 'profiles', 'published.share'));
  });

  it('a published result reads back through Delta Sharing equal to the result, without a server restart', async () => {
    const { handle } = await engine.execute(RESULT);
    const r = await publishResult(engine, publishing.target, { handle, name: 'Sales', mode: 'append' });
    expect(r).toMatchObject({
      share: 'silt',
      schema: 'published',
      table: 'sales',
      version: 0,
      rows: 5000,
      profilePath: publishing.target.profilePath,
    });
    expect((await client.listTables('silt', 'published')).map((t) => t.name)).toEqual(['sales']);
    const read = await readPublished('sales');
    expect(read.version).toBe(0);
    expect(await rows(CHECK(read.sql))).toEqual(await rows(CHECK(RESULT)));
  });

  it('re-publishing appends version 1 holding the union of rows', async () => {
    const more = RESULT.replace('range(5000)', 'range(5000, 6000)');
    const { handle } = await engine.execute(more);
    const r = await publishResult(engine, publishing.target, { handle, name: 'sales', mode: 'append' });
    expect(r.version).toBe(1);
    const read = await readPublished('sales');
    expect(read.version).toBe(1);
    expect(await rows(CHECK(read.sql))).toEqual(await rows(CHECK(RESULT.replace('range(5000)', 'range(6000)'))));
  });

  it('appending a result with other columns is refused, naming both schemas', async () => {
    const { handle } = await engine.execute(`SELECT 1 AS id, 'x' AS other`);
    await expect(publishResult(engine, publishing.target, { handle, name: 'sales', mode: 'append' })).rejects.toThrow(
      /Cannot append to sales: its columns are \(id integer, region string, .*\) but this result has \(id integer, other string\)\. Publish with "replace"/,
    );
    expect((await readPublished('sales')).version).toBe(1);
  });

  it('replace writes a new version holding only the new rows, with the new schema', async () => {
    const { handle } = await engine.execute(`SELECT range AS id, 'k' || range AS other FROM range(3)`);
    const r = await publishResult(engine, publishing.target, { handle, name: 'sales', mode: 'replace' });
    expect(r.version).toBe(2);
    const read = await readPublished('sales');
    expect(await rows(`SELECT * FROM (${read.sql}) ORDER BY id`)).toEqual([
      ['0', 'k0'],
      ['1', 'k1'],
      ['2', 'k2'],
    ]);
    // Time travel still reaches the appended rows (history is shared).
    const old = await sharedTableSql(client, { share: 'silt', schema: 'published', table: 'sales' }, { version: 1 });
    expect(await rows(`SELECT count(*)::INTEGER FROM (${old.sql})`)).toEqual([[6000]]);
  });

  it('refuses names that are not plain identifiers and says so', async () => {
    const { handle } = await engine.execute('SELECT 1 AS x');
    await expect(publishResult(engine, publishing.target, { handle, name: '../escape', mode: 'append' })).rejects.toThrow(
      /cannot name a published table/,
    );
    await expect(publishResult(engine, publishing.target, { handle, name: 'a b', mode: 'append' })).rejects.toThrow(
      /cannot name a published table/,
    );
  });

  it('a host without a publishing server (silt run) says so clearly', async () => {
    const { handle } = await engine.execute('SELECT 1 AS x');
    await expect(publishResult(engine, null, { handle, name: 't', mode: 'append' })).rejects.toThrow(/runs no publishing server/);
  });

  it('"Save profile as" copies the profile, owner-only, to the chosen file', async () => {
    const dest = await saveProfile(publishing.target, home, 'for-powerbi.share');
    expect(dest).toBe(join(home, 'for-powerbi.share'));
    expect(readFileSync(dest, 'utf8')).toBe(readFileSync(publishing.target.profilePath, 'utf8'));
    expect(statSync(dest).mode & 0o777).toBe(0o600);
  });

  it('a restart keeps the endpoint and token, so the profile handed to a BI tool still works; a taken port moves it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-publish-restart-'));
    const opts = { workspace: join(dir, 'workspace'), profileDir: join(dir, 'profiles') };
    const first = await startPublishingServer(opts);
    const handedOut = readFileSync(first.target.profilePath, 'utf8');
    await first.close();
    const again = await startPublishingServer(opts);
    expect(readFileSync(again.target.profilePath, 'utf8')).toBe(handedOut);
    const reader = SharingClient.fromProfile(handedOut);
    expect((await reader.listShares()).map((sh) => sh.name)).toEqual(['silt']);
    await reader.close();
    // Something else on the old port: a new port, the same token.
    const moved = await startPublishingServer(opts);
    const profile = JSON.parse(readFileSync(moved.target.profilePath, 'utf8'));
    expect(profile.endpoint).not.toBe(JSON.parse(handedOut).endpoint);
    expect(profile.bearerToken).toBe(JSON.parse(handedOut).bearerToken);
    await Promise.all([again.close(), moved.close()]);
    rmSync(dir, { recursive: true, force: true });
  });
});
