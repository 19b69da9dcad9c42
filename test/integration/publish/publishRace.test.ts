/**
 * Two windows publish to the same table at the same moment: both commits must land (the loser of the
 * commit race retries on the new latest version), and no Parquet file may be left that no version uses.
 * Real DuckDB engines, the real Delta writer and real files; read back through the publishing server.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckEngine } from '../../../kernel/engine/DuckEngine';
import { publishResult } from '../../../kernel/publish/publishResult';
import { publishedDir, startPublishingServer, type PublishingServer } from '../../../kernel/publish/startPublishingServer';
import { sharedTableSql, SharingClient } from '../../../kernel/sharing/client';

let home: string;
let engines: DuckEngine[];
let publishing: PublishingServer;
let client: SharingClient;

/** Big enough that writing the Parquet file takes longer than reading the table's latest version. */
const rowsFrom = (from: number, n: number) => `SELECT range::BIGINT AS id, 'r' || range AS label FROM range(${from}, ${from + n})`;
const N = 200_000;

async function publish(engine: DuckEngine, sql: string, name: string, mode: 'append' | 'replace') {
  const { handle } = await engine.execute(sql);
  return publishResult(engine, publishing.target, { handle, name, mode });
}

/** Every commit's JSON actions, in version order. */
function commits(table: string): Record<string, Record<string, unknown>>[][] {
  const log = join(publishing.target.dir, table, '_delta_log');
  return readdirSync(log)
    .filter((f) => /^\d{20}\.json$/.test(f))
    .sort()
    .map((f) =>
      readFileSync(join(log, f), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    );
}

/** Parquet files in the table folder that no commit adds: what a lost race used to leave behind. */
function orphans(table: string): string[] {
  const added = new Set(commits(table).flatMap((c) => c.filter((a) => a.add).map((a) => String(a.add.path))));
  return readdirSync(join(publishing.target.dir, table)).filter((f) => f.endsWith('.parquet') && !added.has(f));
}

async function readCount(table: string): Promise<{ version: number; rows: number; distinct: number }> {
  const read = await sharedTableSql(client, { share: 'silt', schema: 'published', table });
  const sql = `SELECT count(*)::INTEGER, count(DISTINCT id)::INTEGER FROM (${read.sql})`;
  const r = await engines[0].connection.runAndReadAll(sql);
  const [rows, distinct] = r.getRowsJson()[0] as number[];
  return { version: read.version, rows, distinct };
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'silt-publish-race-'));
  engines = await Promise.all([DuckEngine.create(), DuckEngine.create(), DuckEngine.create()]);
  publishing = await startPublishingServer({ workspace: join(home, 'workspace'), profileDir: join(home, 'profiles') });
  client = SharingClient.fromProfile(publishing.target.profilePath, { cacheDir: join(home, 'cache') });
});
afterAll(async () => {
  await client.close();
  await publishing.close();
  await Promise.all(engines.map((e) => e.close()));
  rmSync(home, { recursive: true, force: true });
});

describe('publishes racing on one table', () => {
  it('two appends at once both land as consecutive versions, with every row and no orphan files', async () => {
    await publish(engines[0], rowsFrom(0, 10), 'orders', 'append');
    const [a, b] = await Promise.all([
      publish(engines[1], rowsFrom(1_000_000, N), 'orders', 'append'),
      publish(engines[2], rowsFrom(2_000_000, N), 'orders', 'append'),
    ]);
    expect([a.version, b.version].sort()).toEqual([1, 2]);
    // The version that followed the other says so in its history (it re-read the table before committing).
    const log = commits('orders');
    expect(log.map((c) => (c[0].commitInfo as { readVersion?: number }).readVersion)).toEqual([undefined, 0, 1]);
    expect(await readCount('orders')).toEqual({ version: 2, rows: 10 + 2 * N, distinct: 10 + 2 * N });
    expect(orphans('orders')).toEqual([]);
  });

  it('two first publishes of a new table both land: one creates it, the other appends on top', async () => {
    const [a, b] = await Promise.all([
      publish(engines[1], rowsFrom(0, N), 'fresh', 'append'),
      publish(engines[2], rowsFrom(N, N), 'fresh', 'append'),
    ]);
    expect([a.version, b.version].sort()).toEqual([0, 1]);
    expect(await readCount('fresh')).toEqual({ version: 1, rows: 2 * N, distinct: 2 * N });
    expect(orphans('fresh')).toEqual([]);
    // No half-made staging folder is left beside the table.
    expect(readdirSync(publishing.target.dir).filter((f) => f.startsWith('.staging'))).toEqual([]);
  });

  it('a replace racing an append: both land in order, and the table holds what the later one says', async () => {
    const [r, a] = await Promise.all([
      publish(engines[1], rowsFrom(5_000_000, N), 'orders', 'replace'),
      publish(engines[2], rowsFrom(6_000_000, 5), 'orders', 'append'),
    ]);
    expect([r.version, a.version].sort()).toEqual([3, 4]);
    // Replace first: its rows plus the append's. Append first: the replace removed everything before it.
    const expected = r.version < a.version ? N + 5 : N;
    expect(await readCount('orders')).toEqual({ version: 4, rows: expected, distinct: expected });
    expect(orphans('orders')).toEqual([]);
  });

  it('an append that loses to a replace changing the columns is refused, and leaves no data files', async () => {
    // Results first, so both publishes start together: the small replace commits while the append writes.
    const big = await engines[1].execute(rowsFrom(7_000_000, 2_000_000));
    const small = await engines[2].execute(`SELECT range::BIGINT AS id, range * 2 AS doubled FROM range(5)`);
    const [append, replace] = await Promise.allSettled([
      publishResult(engines[1], publishing.target, { handle: big.handle, name: 'orders', mode: 'append' }),
      publishResult(engines[2], publishing.target, { handle: small.handle, name: 'orders', mode: 'replace' }),
    ]);
    expect(replace).toMatchObject({ status: 'fulfilled', value: { version: 5 } });
    expect(append.status).toBe('rejected');
    expect(String((append as PromiseRejectedResult).reason.message)).toMatch(
      /Cannot append to orders: its columns are \(id long, doubled long\) but this result has \(id long, label string\)/,
    );
    expect(await readCount('orders')).toEqual({ version: 5, rows: 5, distinct: 5 });
    expect(orphans('orders')).toEqual([]);
  });
});

describe('leftovers of a killed publish', () => {
  it("a new table's staging folder from a publish killed hours ago is gone after a restart; a current one stays", async () => {
    const workspace = join(home, 'killed');
    const dir = publishedDir(workspace);
    const stale = join(dir, `.staging-sales-${randomUUID()}`);
    const current = join(dir, `.staging-sales-${randomUUID()}`);
    for (const d of [stale, current]) {
      mkdirSync(join(d, '_delta_log'), { recursive: true });
      writeFileSync(join(d, 'part-00000.snappy.parquet'), 'PAR1');
    }
    const hoursAgo = new Date(Date.now() - 3 * 3600_000);
    utimesSync(stale, hoursAgo, hoursAgo);
    const restarted = await startPublishingServer({ workspace, profileDir: join(home, 'killed-profiles') });
    try {
      expect(readdirSync(dir).sort()).toEqual([current.split('/').at(-1)]);
    } finally {
      await restarted.close();
    }
  });
});
