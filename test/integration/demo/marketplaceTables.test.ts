import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesScanSql, DeltaTable } from '../../../kernel/delta';
import { MarketplaceDemo } from '../../../kernel/demo/marketplace';
import { duckdb, pathOf, rows, scan, value } from './demoTables';

let dir: string;
let demo: MarketplaceDemo;
let conn: DuckDBConnection;
let bronze: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'silt-demo-tables-'));
  const started = Date.now();
  demo = await MarketplaceDemo.open(dir);
  expect(Date.now() - started).toBeLessThan(15_000);
  conn = await duckdb();
  bronze = await scan(demo, 'bronze', 'events');
});

afterAll(async () => {
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The newest event per entity in Bronze, by event time then event id, computed here from scratch. */
function latestSql(entity: string): string {
  return `SELECT * FROM (${bronze})
    WHERE entity = '${entity}' AND event_type <> 'order_erasure_requested'
    QUALIFY row_number() OVER (PARTITION BY entity_id ORDER BY event_time DESC, event_id DESC) = 1`;
}

const erasedSql = () => `SELECT DISTINCT entity_id FROM (${bronze}) WHERE event_type = 'order_erasure_requested'`;

describe('a fresh marketplace demo', () => {
  it('has the five tables, each with data', async () => {
    expect(demo.tables().map((t) => `${t.schema}.${t.name}:${t.cdf}`)).toEqual([
      'bronze.events:false',
      'silver.listings:true',
      'silver.orders:true',
      'gold.daily_sales:false',
      'gold.inventory_by_make:false',
    ]);
    for (const t of demo.tables()) {
      const count = Number(await value(conn, `SELECT count(*) FROM (${await scan(demo, t.schema, t.name)})`));
      expect(count, `${t.schema}.${t.name}`).toBeGreaterThan(0);
      const snapshot = await DeltaTable.open(t.path).snapshot();
      expect(snapshot.metadata.configuration['delta.enableChangeDataFeed'] === 'true', t.name).toBe(t.cdf);
    }
  });

  it('has realistic messiness in Bronze: duplicates, late events, stale late events, a new payload field', async () => {
    const dupes = Number(await value(conn, `SELECT count(*) - count(DISTINCT event_id) FROM (${bronze})`));
    expect(dupes).toBeGreaterThan(0);
    const late = Number(await value(conn, `SELECT count(*) FROM (${bronze}) WHERE ingest_time - event_time >= INTERVAL 2 HOUR`));
    expect(late).toBeGreaterThan(0);
    // A late event older than a newer event of the same entity that arrived before it.
    const stale = Number(
      await value(
        conn,
        `SELECT count(*) FROM (${bronze}) AS a WHERE EXISTS (
      SELECT 1 FROM (${bronze}) AS b WHERE b.entity_id = a.entity_id AND b.event_time > a.event_time AND b.ingest_time < a.ingest_time)`,
      ),
    );
    expect(stale).toBeGreaterThan(0);
    const channel = await rows(
      conn,
      `SELECT min(batch_id) FILTER (WHERE payload ->> '$.channel' IS NOT NULL),
      max(batch_id) FILTER (WHERE payload ->> '$.channel' IS NULL AND event_type <> 'order_erasure_requested') FROM (${bronze})`,
    );
    expect(Number(channel[0][0])).toBeGreaterThan(Number(channel[0][1]));
  });

  it('keeps one Silver row per id', async () => {
    for (const [name, key] of [
      ['listings', 'listing_id'],
      ['orders', 'order_id'],
    ]) {
      const dupes = Number(await value(conn, `SELECT count(*) - count(DISTINCT ${key}) FROM (${await scan(demo, 'silver', name)})`));
      expect(dupes, name).toBe(0);
    }
  });

  it('holds, for every listing, the state of its newest event in Bronze', async () => {
    const silver = await scan(demo, 'silver', 'listings');
    const expected = `SELECT entity_id, event_id, event_time, payload ->> '$.status', CAST(payload ->> '$.price_eur' AS DECIMAL(10,2)),
      payload ->> '$.make', CAST(payload ->> '$.mileage_km' AS INTEGER), payload ->> '$.channel' FROM (${latestSql('listing')})`;
    const actual = `SELECT listing_id, last_event_id, updated_at, status, price_eur, make, mileage_km, channel FROM (${silver})`;
    expect(await rows(conn, `(${expected}) EXCEPT (${actual})`)).toEqual([]);
    expect(await rows(conn, `(${actual}) EXCEPT (${expected})`)).toEqual([]);
    const statuses = await rows(conn, `SELECT DISTINCT status FROM (${silver}) ORDER BY 1`);
    expect(statuses.map((r) => r[0])).toEqual(['active', 'sold', 'withdrawn']);
  });

  it('holds, for every order not erased, the state of its newest event in Bronze', async () => {
    const silver = await scan(demo, 'silver', 'orders');
    const expected = `SELECT entity_id, event_id, event_time, payload ->> '$.status', CAST(payload ->> '$.amount_eur' AS DECIMAL(10,2)),
      payload ->> '$.region', CAST(payload ->> '$.delivery_date' AS DATE) FROM (${latestSql('order')})
      WHERE entity_id NOT IN (${erasedSql()})`;
    const actual = `SELECT order_id, last_event_id, updated_at, status, amount_eur, region, delivery_date FROM (${silver})`;
    expect(await rows(conn, `(${expected}) EXCEPT (${actual})`)).toEqual([]);
    expect(await rows(conn, `(${actual}) EXCEPT (${expected})`)).toEqual([]);
  });

  it('removes erased orders from Silver and records their deletes in the change data feed', async () => {
    const silver = await scan(demo, 'silver', 'orders');
    expect(Number(await value(conn, `SELECT count(*) FROM (${erasedSql()})`))).toBeGreaterThan(0);
    expect(await rows(conn, `SELECT order_id FROM (${silver}) WHERE order_id IN (${erasedSql()})`)).toEqual([]);

    const table = DeltaTable.open(pathOf(demo, 'silver', 'orders'));
    const cdf = await changesScanSql(table, 0);
    // Every erased order that was ever in Silver has a delete as its very last change.
    const lastChange = await rows(
      conn,
      `SELECT order_id, _change_type FROM (${cdf}) WHERE order_id IN (${erasedSql()})
      QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY _commit_version DESC, _change_type = 'delete' DESC) = 1`,
    );
    expect(lastChange.length).toBeGreaterThan(0);
    expect(lastChange.filter((r) => r[1] !== 'delete')).toEqual([]);
    const history = await table.history();
    expect(history.some((h) => h.operation?.startsWith('DELETE'))).toBe(true);
  });

  it('aggregates Silver orders into gold.daily_sales per order day and region', async () => {
    const silver = await scan(demo, 'silver', 'orders');
    const expected = `SELECT CAST(timezone('UTC', placed_at) AS DATE), region,
        count(*) FILTER (WHERE status <> 'cancelled'), count(*) FILTER (WHERE status = 'cancelled'),
        coalesce(sum(amount_eur) FILTER (WHERE status <> 'cancelled'), 0)
      FROM (${silver}) GROUP BY ALL`;
    const gold = `SELECT day, region, orders, cancelled_orders, revenue_eur FROM (${await scan(demo, 'gold', 'daily_sales')})`;
    expect(await rows(conn, `(${expected}) EXCEPT (${gold})`)).toEqual([]);
    expect(await rows(conn, `(${gold}) EXCEPT (${expected})`)).toEqual([]);
    const check = await rows(
      conn,
      `SELECT count(DISTINCT region), sum(revenue_eur) > 100000,
      bool_and(orders = 0 OR abs(avg_order_eur - revenue_eur / orders) < 0.01) FROM (${await scan(demo, 'gold', 'daily_sales')})`,
    );
    expect(check[0]).toEqual(['3', true, true]);
  });

  it('aggregates Silver listings into gold.inventory_by_make', async () => {
    const silver = await scan(demo, 'silver', 'listings');
    const expected = `SELECT make, count(*) FILTER (WHERE status = 'active'), count(*) FILTER (WHERE status = 'sold'),
      round(avg(price_eur) FILTER (WHERE status = 'active'), 2) FROM (${silver}) GROUP BY make`;
    const gold = `SELECT make, active_listings, sold_listings, avg_price_eur FROM (${await scan(demo, 'gold', 'inventory_by_make')})`;
    expect(await rows(conn, `(${expected}) EXCEPT (${gold})`)).toEqual([]);
    expect(await rows(conn, `(${gold}) EXCEPT (${expected})`)).toEqual([]);
  });
});
