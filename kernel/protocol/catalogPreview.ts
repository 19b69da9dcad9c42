/** The catalog panel's Preview: the first rows of a shared table, read without touching the notebook. */
import * as s from '../../common/schema';
import type { CellValue, ColumnInfo } from './notebook';

/** The most rows a preview reads: enough to see the data's shape, little enough to answer at once. */
export const MAX_PREVIEW_ROWS = 500;

export const CATALOG_PREVIEW_PARAMS = {
  'catalog.preview': s.object({
    sessionId: s.string(),
    profile: s.string(),
    share: s.string(),
    schema: s.string(),
    table: s.string(),
    limit: s.number({ int: true, min: 1, max: MAX_PREVIEW_ROWS }),
  }),
};

type In<K extends keyof typeof CATALOG_PREVIEW_PARAMS> = s.Infer<(typeof CATALOG_PREVIEW_PARAMS)[K]>;

export interface CatalogPreviewRequests {
  /**
   * The first `limit` rows of a shared table's latest version, read with a limit hint so the server
   * sends as few files as it can. Creates no cell, result handle or view in the session.
   */
  'catalog.preview': { params: In<'catalog.preview'>; result: CatalogPreview };
}

export interface CatalogPreview {
  version: number;
  columns: ColumnInfo[];
  rows: CellValue[][];
}
