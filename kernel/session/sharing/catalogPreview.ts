/**
 * Reads the first rows of a shared table for the catalog panel's Preview. The table is read as a SQL
 * cell would read it (same download cache, same logical schema), but straight into rows: no view, no
 * result handle and no cell, so previewing leaves the notebook and its session as they were.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CatalogPreview, CatalogPreviewRequests } from '../../protocol/catalogPreview';
import type { CellValue } from '../../protocol';
import { sharedTableSql } from '../../sharing/client';
import type { Handlers } from '../Handlers';
import { inProfile } from './inProfile';
import type { SharedTables } from './SharedTables';

export async function catalogPreview(
  shared: SharedTables,
  conn: DuckDBConnection,
  p: { profile: string; share: string; schema: string; table: string; limit: number },
): Promise<CatalogPreview> {
  const ref = { share: p.share, schema: p.schema, table: p.table };
  try {
    // The limit hint only narrows the files the server sends; the LIMIT below is what counts.
    const { sql, version } = await sharedTableSql(shared.client(p.profile), ref, { limitHint: p.limit });
    const reader = await conn.runAndReadAll(`SELECT * FROM (${sql}) LIMIT ${Math.floor(p.limit)}`);
    const columns = reader.columnNames().map((name, i) => ({ name, type: reader.columnTypes()[i].toString() }));
    return { version, columns, rows: reader.getRowsJson() as CellValue[][] };
  } catch (e) {
    throw inProfile(p.profile, e);
  }
}

export const catalogPreviewHandlers: Handlers<keyof CatalogPreviewRequests> = {
  'catalog.preview': (s, p) => catalogPreview(s.shared, s.engine.connection, p),
};
