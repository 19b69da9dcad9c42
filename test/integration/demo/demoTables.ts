/** Test helpers: read the demo's Delta tables with the real reader into a real DuckDB. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DeltaTable, snapshotScanSql } from '../../../kernel/delta';
import type { MarketplaceDemo } from '../../../kernel/demo/marketplace';

export async function duckdb(): Promise<DuckDBConnection> {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  await conn.run(`SET TimeZone = 'UTC'`);
  return conn;
}

export function pathOf(demo: MarketplaceDemo, schema: string, name: string): string {
  const table = demo.tables().find((t) => t.schema === schema && t.name === name);
  if (!table) throw new Error(`demo has no table ${schema}.${name}`);
  return table.path;
}

/** A SELECT over the table's latest snapshot. */
export async function scan(demo: MarketplaceDemo, schema: string, name: string): Promise<string> {
  return snapshotScanSql(await DeltaTable.open(pathOf(demo, schema, name)).snapshot());
}

export async function rows(conn: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await conn.runAndReadAll(sql)).getRowsJson() as unknown[][];
}

export async function value(conn: DuckDBConnection, sql: string): Promise<unknown> {
  return (await rows(conn, sql))[0][0];
}

export async function versions(demo: MarketplaceDemo): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of demo.tables()) out[`${t.schema}.${t.name}`] = await DeltaTable.open(t.path).latestVersion();
  return out;
}
