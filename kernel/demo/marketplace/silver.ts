/**
 * silver/listings and silver/orders: the current state of every listing and order, built from
 * Bronze. Duplicates are dropped by event_id, the newest event_time wins (so a late event never
 * overwrites newer state), and an order whose buyer asked for erasure is deleted and never comes back.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { changesScanSql, type DeltaColumn, type DeltaTable } from '../../delta';
import { createHandle, latestScanSql, openHandle, type DeltaHandle } from './deltaHandle';
import { sqlInList } from './sql';

const STATE_COLUMNS: DeltaColumn[] = [
  { name: 'channel', type: 'string' },
  { name: 'updated_at', type: 'timestamp', nullable: false },
  { name: 'last_event_id', type: 'string', nullable: false },
  { name: 'last_event_type', type: 'string', nullable: false },
];

export const LISTING_COLUMNS: DeltaColumn[] = [
  { name: 'listing_id', type: 'string', nullable: false },
  { name: 'seller_id', type: 'string' },
  { name: 'seller_type', type: 'string' },
  { name: 'make', type: 'string' },
  { name: 'model', type: 'string' },
  { name: 'fuel', type: 'string' },
  { name: 'year', type: 'integer' },
  { name: 'mileage_km', type: 'integer' },
  { name: 'price_eur', type: 'decimal(10,2)' },
  { name: 'city', type: 'string' },
  { name: 'country', type: 'string' },
  { name: 'region', type: 'string' },
  { name: 'status', type: 'string' },
  { name: 'listed_at', type: 'timestamp' },
  ...STATE_COLUMNS,
];

export const ORDER_COLUMNS: DeltaColumn[] = [
  { name: 'order_id', type: 'string', nullable: false },
  { name: 'listing_id', type: 'string' },
  { name: 'buyer_id', type: 'string' },
  { name: 'make', type: 'string' },
  { name: 'model', type: 'string' },
  { name: 'amount_eur', type: 'decimal(10,2)' },
  { name: 'city', type: 'string' },
  { name: 'country', type: 'string' },
  { name: 'region', type: 'string' },
  { name: 'status', type: 'string' },
  { name: 'order_date', type: 'date' },
  { name: 'placed_at', type: 'timestamp' },
  { name: 'delivery_date', type: 'date' },
  { name: 'delivered_at', type: 'timestamp' },
  ...STATE_COLUMNS,
];

/** SQL types of payload fields; the rest are strings. */
const PAYLOAD_TYPES: Record<string, string> = {
  year: 'INTEGER',
  mileage_km: 'INTEGER',
  price_eur: 'DECIMAL(10,2)',
  amount_eur: 'DECIMAL(10,2)',
  listed_at: 'TIMESTAMPTZ',
  placed_at: 'TIMESTAMPTZ',
  delivered_at: 'TIMESTAMPTZ',
  delivery_date: 'DATE',
};

export interface SilverRefresh {
  /** Order days (UTC) whose orders changed or were erased, for Gold to recompute. */
  touchedOrderDays: string[];
  /** Orders erased in this refresh. */
  erased: string[];
}

export class Silver {
  private constructor(
    readonly listings: DeltaHandle,
    readonly orders: DeltaHandle,
    /** Every order ever erased: replayed or late events for them must not bring them back. */
    private readonly erasedOrders: Set<string>,
  ) {}

  static async create(paths: { listings: string; orders: string }): Promise<Silver> {
    const opts = (name: string, description: string, columns: DeltaColumn[]) => ({
      columns,
      enableChangeDataFeed: true,
      name,
      description,
    });
    const listings = await createHandle(paths.listings, opts('listings', 'Current state of every car listing', LISTING_COLUMNS));
    const orders = await createHandle(paths.orders, opts('orders', 'Current state of every order; erased orders removed', ORDER_COLUMNS));
    return new Silver(listings, orders, new Set());
  }

  static async open(paths: { listings: string; orders: string }, erasedOrders: string[]): Promise<Silver> {
    return new Silver(await openHandle(paths.listings), await openHandle(paths.orders), new Set(erasedOrders));
  }

  get erased(): string[] {
    return [...this.erasedOrders].sort();
  }

  /** Applies the events of one Bronze commit: one merge per table, plus a delete for erasures. */
  async refresh(conn: DuckDBConnection, bronze: DeltaTable, bronzeVersion: number): Promise<SilverRefresh> {
    const inserted = `SELECT * FROM (${await changesScanSql(bronze, bronzeVersion, bronzeVersion)}) WHERE _change_type = 'insert'`;
    await conn.run(`CREATE OR REPLACE TEMP TABLE __demo_batch AS
      SELECT * FROM (${inserted}) QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY ingest_time) = 1`);
    try {
      const newlyErased = (
        await conn.runAndReadAll(`SELECT DISTINCT entity_id FROM __demo_batch WHERE event_type = 'order_erasure_requested' ORDER BY 1`)
      )
        .getRowsJson()
        .map((r) => String(r[0]));
      for (const id of newlyErased) this.erasedOrders.add(id);

      await this.listings.writer.mergeByKey(conn, await changedStateSql('listing', this.listings, LISTING_COLUMNS, []), ['listing_id'], {
        operation: `MERGE (bronze v${bronzeVersion})`,
      });

      const current = await latestScanSql(this.orders);
      const ordersSource = await changedStateSql('order', this.orders, ORDER_COLUMNS, [...this.erasedOrders]);
      const touched = new Set(await days(conn, `SELECT order_date FROM (${ordersSource})`));
      for (const day of await days(conn, `SELECT order_date FROM (${current}) WHERE order_id IN ${sqlInList(newlyErased)}`))
        touched.add(day);
      await this.orders.writer.mergeByKey(conn, ordersSource, ['order_id'], { operation: `MERGE (bronze v${bronzeVersion})` });
      if (newlyErased.length > 0) {
        await this.orders.writer.deleteWhere(conn, `order_id IN ${sqlInList(newlyErased)}`, { operation: 'DELETE (privacy erasure)' });
      }
      return { touchedOrderDays: [...touched].sort(), erased: newlyErased };
    } finally {
      await conn.run('DROP TABLE IF EXISTS __demo_batch');
    }
  }
}

/**
 * The newest event per entity in the batch, as table rows, keeping only those newer than what
 * the table already holds (by event_time, then event_id so equal times still have one winner).
 */
async function changedStateSql(
  entity: 'listing' | 'order',
  target: DeltaHandle,
  columns: DeltaColumn[],
  excluded: string[],
): Promise<string> {
  const key = columns[0].name;
  const fromPayload = columns
    .filter((c) => !STATE_COLUMNS.includes(c) && c.name !== 'order_date')
    .map((c) => `CAST(payload ->> '$.${c.name}' AS ${PAYLOAD_TYPES[c.name] ?? 'VARCHAR'}) AS ${c.name}`);
  const derived = entity === 'order' ? [`CAST(timezone('UTC', CAST(payload ->> '$.placed_at' AS TIMESTAMPTZ)) AS DATE) AS order_date`] : [];
  const state = [
    `payload ->> '$.channel' AS channel`,
    'event_time AS updated_at',
    'event_id AS last_event_id',
    'event_type AS last_event_type',
  ];
  return `WITH latest AS (
      SELECT * FROM __demo_batch
      WHERE entity = '${entity}' AND event_type <> 'order_erasure_requested'${excluded.length > 0 ? ` AND entity_id NOT IN ${sqlInList(excluded)}` : ''}
      QUALIFY row_number() OVER (PARTITION BY entity_id ORDER BY event_time DESC, event_id DESC) = 1
    ),
    rows AS (SELECT ${[...fromPayload, ...derived, ...state].join(', ')} FROM latest),
    cur AS (${await latestScanSql(target)})
    SELECT ${columns.map((c) => `r.${c.name}`).join(', ')}
    FROM rows AS r LEFT JOIN cur AS c ON c.${key} = r.${key}
    WHERE c.${key} IS NULL OR r.updated_at > c.updated_at OR (r.updated_at = c.updated_at AND r.last_event_id > c.last_event_id)`;
}

async function days(conn: DuckDBConnection, sql: string): Promise<string[]> {
  const rows = (
    await conn.runAndReadAll(`SELECT DISTINCT strftime(order_date, '%Y-%m-%d') FROM (${sql}) WHERE order_date IS NOT NULL`)
  ).getRowsJson();
  return rows.map((r) => String(r[0]));
}
