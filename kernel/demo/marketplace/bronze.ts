/**
 * bronze/events: every event exactly as received, duplicates and late arrivals included,
 * partitioned by the day the event happened. Append-only: one commit per tick.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DeltaColumn } from '../../delta';
import { createHandle, type DeltaHandle } from './deltaHandle';
import type { DemoEvent } from './marketState';
import { sqlStringOrNull } from './sql';
import { quoteLiteral } from '../../../common/sqlQuote';

export const BRONZE_COLUMNS: DeltaColumn[] = [
  { name: 'event_id', type: 'string', nullable: false },
  { name: 'event_type', type: 'string', nullable: false },
  { name: 'entity', type: 'string', nullable: false },
  { name: 'entity_id', type: 'string', nullable: false },
  { name: 'listing_id', type: 'string' },
  { name: 'order_id', type: 'string' },
  { name: 'event_time', type: 'timestamp', nullable: false },
  { name: 'ingest_time', type: 'timestamp', nullable: false },
  { name: 'batch_id', type: 'long', nullable: false },
  { name: 'payload', type: 'string', nullable: false },
  { name: 'event_date', type: 'date', nullable: false },
];

export function createBronze(path: string): Promise<DeltaHandle> {
  return createHandle(path, {
    columns: BRONZE_COLUMNS,
    partitionColumns: ['event_date'],
    name: 'events',
    description: 'Raw marketplace events as received: at-least-once, sometimes late. Payload is the entity state as JSON.',
  });
}

/** Appends one batch as a single commit and returns its version. */
export function appendEvents(bronze: DeltaHandle, conn: DuckDBConnection, events: DemoEvent[], batch: number): Promise<number> {
  return bronze.writer.appendFromQuery(conn, eventsSelectSql(events), { operation: `STREAMING UPDATE (batch ${batch})` });
}

/** The events as a SELECT with Bronze's columns, for the writer to copy into Parquet. */
function eventsSelectSql(events: DemoEvent[]): string {
  if (events.length === 0) {
    return `SELECT ${BRONZE_COLUMNS.map((c) => `NULL AS ${c.name}`).join(', ')} WHERE false`;
  }
  const rows = events.map((e) =>
    [
      quoteLiteral(e.event_id),
      quoteLiteral(e.event_type),
      quoteLiteral(e.entity),
      quoteLiteral(e.entity_id),
      quoteLiteral(e.listing_id),
      sqlStringOrNull(e.order_id),
      `TIMESTAMPTZ ${quoteLiteral(e.event_time)}`,
      `TIMESTAMPTZ ${quoteLiteral(e.ingest_time)}`,
      String(e.batch_id),
      quoteLiteral(e.payload),
      `DATE ${quoteLiteral(e.event_time.slice(0, 10))}`,
    ].join(', '),
  );
  const names = BRONZE_COLUMNS.map((c) => c.name).join(', ');
  return `SELECT * FROM (VALUES (${rows.join('),\n(')})) AS t(${names})`;
}
