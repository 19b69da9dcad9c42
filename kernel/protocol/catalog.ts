/** Catalog requests: what the session's open profiles share, one table's details, adding a profile. */
import * as s from '../../common/schema';
import type { ErrorCode } from '../../common/errorCode';

/** The params of each catalog request, checked at run time; their types below are inferred from these. */
export const CATALOG_PARAMS = {
  'catalog.tree': s.object({ sessionId: s.string() }),
  'catalog.table': s.object({
    sessionId: s.string(),
    profile: s.string(),
    share: s.string(),
    schema: s.string(),
    table: s.string(),
  }),
  'catalog.addProfile': s.object({
    sessionId: s.string(),
    source: s.string(),
    name: s.optional(s.string()),
    replace: s.optional(s.boolean()),
  }),
  'catalog.removeProfile': s.object({ sessionId: s.string(), name: s.string() }),
};

type In<K extends keyof typeof CATALOG_PARAMS> = s.Infer<(typeof CATALOG_PARAMS)[K]>;

export interface CatalogRequests {
  /** Open profiles → shares → schemas → tables, as the session's sharing client lists them. */
  'catalog.tree': { params: In<'catalog.tree'>; result: { profiles: CatalogProfile[] } };
  /** One shared table's details for the catalog panel. */
  'catalog.table': { params: In<'catalog.table'>; result: CatalogTable };
  /**
   * Opens a profile (a `.share` file path, or its JSON text) and keeps it for later sessions (sealed
   * with the OS keychain in the desktop app); tokens never come back. `name` overrides the derived one.
   * With `replace`, a saved profile of that name gives way to this one under the same name (a refused
   * token fixed: the SQL naming it keeps working), instead of this one being named `name_2`.
   */
  'catalog.addProfile': { params: In<'catalog.addProfile'>; result: { name: string } };
  /** Closes a profile in every session and forgets it if it was saved. */
  'catalog.removeProfile': { params: In<'catalog.removeProfile'>; result: { removed: boolean } };
}

export interface CatalogProfile {
  name: string;
  endpoint: string;
  /** E.g. "the token expires in 3 days". */
  warnings: string[];
  shares: { name: string; schemas: { name: string; tables: string[] }[] }[];
  /** Why listing failed (server down, token expired), when it did. */
  error?: string;
  /** The failure's code (`unauthorized`, `unavailable`…), so the panel heads it as a failed cell is. */
  errorCode?: ErrorCode;
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
