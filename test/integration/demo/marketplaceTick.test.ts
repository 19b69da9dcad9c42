import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeltaTable } from '../../../kernel/delta';
import { MarketplaceDemo } from '../../../kernel/demo/marketplace';
import { compactIfFragmented } from '../../../kernel/demo/marketplace/compaction';
import { openHandle } from '../../../kernel/demo/marketplace/deltaHandle';
import { duckdb, pathOf, rows, scan, value, versions } from './demoTables';

let dir: string;
let demo: MarketplaceDemo;
let conn: DuckDBConnection;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-demo-tick-'));
  demo = await MarketplaceDemo.open(dir);
  conn = await duckdb();
});

afterAll(async () => {
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ticking the marketplace', () => {
  it('advances every table each tick and streams duplicates and late events into Bronze', async () => {
    const history = Number(await value(conn, `SELECT max(batch_id) FROM (${await scan(demo, 'bronze', 'events')})`));
    let before = await versions(demo);
    let events = 0;
    for (let i = 0; i < 4; i++) {
      const result = await demo.tick();
      const after = await versions(demo);
      expect(result.bronzeVersion).toBe(after['bronze.events']);
      for (const key of Object.keys(before)) expect(after[key], key).toBeGreaterThan(before[key]);
      before = after;
      events += result.events;
    }
    const bronze = await scan(demo, 'bronze', 'events');
    const fresh = `SELECT * FROM (${bronze}) WHERE batch_id > ${history}`;
    expect(Number(await value(conn, `SELECT count(*) FROM (${fresh})`))).toBe(events);
    // A duplicate: an event id delivered in one of these ticks that was also delivered another time.
    const duplicates = await rows(
      conn,
      `SELECT f.event_id FROM (${fresh}) AS f
      JOIN (${bronze}) AS b ON b.event_id = f.event_id AND (b.batch_id <> f.batch_id OR b.ingest_time <> f.ingest_time)`,
    );
    expect(duplicates.length).toBeGreaterThan(0);
    const late = await rows(conn, `SELECT event_id FROM (${fresh}) WHERE ingest_time - event_time >= INTERVAL 2 HOUR`);
    expect(late.length).toBeGreaterThan(0);
  });

  it('ticks on its own after start() and stops cleanly', async () => {
    const before = (await versions(demo))['bronze.events'];
    demo.start(20);
    const deadline = Date.now() + 20_000;
    while ((await versions(demo))['bronze.events'] < before + 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await demo.stop();
    const stopped = await versions(demo);
    expect(stopped['bronze.events']).toBeGreaterThanOrEqual(before + 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(await versions(demo)).toEqual(stopped);
  });

  it('compacts a fragmented table into one file with the same rows', async () => {
    const path = pathOf(demo, 'silver', 'orders');
    const checksum = async () =>
      rows(
        conn,
        `SELECT count(*), sum(hash(order_id, status, amount_eur, updated_at, last_event_id)) FROM (${await scan(demo, 'silver', 'orders')})`,
      );
    const before = await checksum();
    const filesBefore = (await DeltaTable.open(path).snapshot()).files.length;
    expect(filesBefore).toBeGreaterThan(1);
    const handle = await openHandle(path);
    expect(await compactIfFragmented(conn, handle, ['order_id'], filesBefore)).toBe(false);
    expect(await compactIfFragmented(conn, handle, ['order_id'], 1)).toBe(true);
    expect((await DeltaTable.open(path).snapshot()).files.length).toBe(1);
    expect(await checksum()).toEqual(before);
    await demo.tick();
    expect(Number(await value(conn, `SELECT count(*) - count(DISTINCT order_id) FROM (${await scan(demo, 'silver', 'orders')})`))).toBe(0);
  });
});
