/** Catalog requests: what the session's open profiles share, one table's details, adding a profile. */
import type { Shape } from './shape';

export interface CatalogRequests {
  /** Open profiles → shares → schemas → tables, as the session's sharing client lists them. */
  'catalog.tree': { params: { sessionId: string }; result: { profiles: CatalogProfile[] } };
  /** One shared table's details for the catalog panel. */
  'catalog.table': { params: { sessionId: string; profile: string; share: string; schema: string; table: string }; result: CatalogTable };
  /**
   * Opens a profile (a `.share` file path, or its JSON text) and keeps it for later sessions (sealed
   * with the OS keychain in the desktop app); tokens never come back. `name` overrides the derived one.
   */
  'catalog.addProfile': { params: { sessionId: string; source: string; name?: string }; result: { name: string } };
  /** Closes a profile in every session and forgets it if it was saved. */
  'catalog.removeProfile': { params: { sessionId: string; name: string }; result: { removed: boolean } };
}

export const CATALOG_PARAMS: Record<keyof CatalogRequests, Shape> = {
  'catalog.tree': { sessionId: 'string' },
  'catalog.table': { sessionId: 'string', profile: 'string', share: 'string', schema: 'string', table: 'string' },
  'catalog.addProfile': { sessionId: 'string', source: 'string', name: 'string?' },
  'catalog.removeProfile': { sessionId: 'string', name: 'string' },
};

export interface CatalogProfile {
  name: string;
  endpoint: string;
  /** E.g. "the token expires in 3 days". */
  warnings: string[];
  shares: { name: string; schemas: { name: string; tables: string[] }[] }[];
  /** Why listing failed (server down, token expired), when it did. */
  error?: string;
  /** Added in the app and kept across restarts (so it can be removed there). */
  saved?: boolean;
}

export interface CatalogTable {
  version: number;
  description?: string;
  columns: { name: string; type: string; nullable: boolean; comment?: string }[];
  partitionColumns: string[];
  numFiles?: number;
  sizeBytes?: number;
  changeDataFeed: boolean;
}
