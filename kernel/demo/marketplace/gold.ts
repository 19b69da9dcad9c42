/**
 * gold/daily_sales and gold/inventory_by_make: the aggregates a dashboard reads, refreshed from
 * Silver after every tick. Only the order days a tick touched are recomputed.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DeltaColumn } from '../../delta';
import { createHandle, latestScanSql, openHandle, type DeltaHandle } from './deltaHandle';
import { sqlInList } from './sql';
import { quoteLiteral } from '../../../common/sqlQuote';

export const DAILY_SALES_COLUMNS: DeltaColumn[] = [
  { name: 'day', type: 'date', nullable: false },
  { name: 'region', type: 'string', nullable: false },
  { name: 'orders', type: 'long' },
  { name: 'cancelled_orders', type: 'long' },
  { name: 'revenue_eur', type: 'decimal(14,2)' },
  { name: 'avg_order_eur', type: 'decimal(10,2)' },
];

export const INVENTORY_COLUMNS: DeltaColumn[] = [
  { name: 'make', type: 'string', nullable: false },
  { name: 'active_listings', type: 'long' },
  { name: 'sold_listings', type: 'long' },
  { name: 'withdrawn_listings', type: 'long' },
  { name: 'avg_price_eur', type: 'decimal(10,2)' },
  { name: 'avg_sold_price_eur', type: 'decimal(10,2)' },
  { name: 'avg_mileage_km', type: 'long' },
];

/**
 * Orders placed per day and region (UTC days). `orders` and `revenue_eur` count orders that are
 * not cancelled, whatever their delivery stage; erased orders are gone from Silver, so from here too.
 */
export function dailySalesSql(silverOrders: string, days: string[]): string {
  return `SELECT order_date AS day, region,
      count(*) FILTER (WHERE status <> 'cancelled') AS orders,
      count(*) FILTER (WHERE status = 'cancelled') AS cancelled_orders,
      coalesce(sum(amount_eur) FILTER (WHERE status <> 'cancelled'), 0) AS revenue_eur,
      round(avg(amount_eur) FILTER (WHERE status <> 'cancelled'), 2) AS avg_order_eur
    FROM (${silverOrders})
    WHERE strftime(order_date, '%Y-%m-%d') IN ${sqlInList(days)}
    GROUP BY order_date, region`;
}

function inventorySql(silverListings: string): string {
  return `SELECT make,
      count(*) FILTER (WHERE status = 'active') AS active_listings,
      count(*) FILTER (WHERE status = 'sold') AS sold_listings,
      count(*) FILTER (WHERE status = 'withdrawn') AS withdrawn_listings,
      round(avg(price_eur) FILTER (WHERE status = 'active'), 2) AS avg_price_eur,
      round(avg(price_eur) FILTER (WHERE status = 'sold'), 2) AS avg_sold_price_eur,
      round(avg(mileage_km) FILTER (WHERE status = 'active')) AS avg_mileage_km
    FROM (${silverListings})
    GROUP BY make`;
}

export class Gold {
  private constructor(
    readonly dailySales: DeltaHandle,
    readonly inventory: DeltaHandle,
  ) {}

  static async create(paths: { dailySales: string; inventory: string }): Promise<Gold> {
    const dailySales = await createHandle(paths.dailySales, {
      columns: DAILY_SALES_COLUMNS,
      name: 'daily_sales',
      description: 'Orders and revenue (EUR) per order day and region; cancelled orders counted apart',
    });
    const inventory = await createHandle(paths.inventory, {
      columns: INVENTORY_COLUMNS,
      name: 'inventory_by_make',
      description: 'Listings per make: active, sold and withdrawn counts with average prices',
    });
    return new Gold(dailySales, inventory);
  }

  static async open(paths: { dailySales: string; inventory: string }): Promise<Gold> {
    return new Gold(await openHandle(paths.dailySales), await openHandle(paths.inventory));
  }

  async refresh(conn: DuckDBConnection, silver: { listings: DeltaHandle; orders: DeltaHandle }, touchedDays: string[]): Promise<void> {
    const orders = await latestScanSql(silver.orders);
    const fresh = dailySalesSql(orders, touchedDays);
    // A (day, region) whose last order was erased has no row in the fresh aggregate: delete it.
    const vanished = (
      await conn.runAndReadAll(`
      SELECT strftime(g.day, '%Y-%m-%d'), g.region FROM (${await latestScanSql(this.dailySales)}) AS g
      WHERE strftime(g.day, '%Y-%m-%d') IN ${sqlInList(touchedDays)}
        AND NOT EXISTS (SELECT 1 FROM (${fresh}) AS f WHERE f.day = g.day AND f.region = g.region)`)
    ).getRowsJson();
    await this.dailySales.writer.mergeByKey(conn, fresh, ['day', 'region'], { operation: 'MERGE' });
    if (vanished.length > 0) {
      const keys = vanished.map(
        ([day, region]) => `(day = DATE ${quoteLiteral(String(day))} AND region = ${quoteLiteral(String(region))})`,
      );
      await this.dailySales.writer.deleteWhere(conn, keys.join(' OR '), { operation: 'DELETE (no orders left)' });
    }
    await this.inventory.writer.mergeByKey(conn, inventorySql(await latestScanSql(silver.listings)), ['make'], { operation: 'MERGE' });
  }
}
