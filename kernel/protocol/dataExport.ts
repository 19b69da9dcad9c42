/**
 * Data for BI tools: a result the session holds, streamed to a file (CSV, Parquet, Arrow IPC, JSON
 * lines, Excel), or published as a Delta table that the host's built-in sharing server serves.
 */
import type { Shape } from './shape';

/** `arrow` is the Arrow IPC file format (Feather v2); `jsonl` one JSON object per line. */
export type ExportFormat = 'csv' | 'parquet' | 'arrow' | 'jsonl' | 'xlsx';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'parquet', 'arrow', 'jsonl', 'xlsx'];

/** `append` adds the rows as a new table version; `replace` makes them the whole table in a new version. */
export type PublishMode = 'append' | 'replace';

export interface PublishResult {
  share: string;
  schema: string;
  table: string;
  /** The table version this publish wrote (0 for a new table). */
  version: number;
  /** The `.share` file (endpoint + token) to hand to Power BI, Tableau or another Delta Sharing client. */
  profilePath: string;
  /** The sharing server's endpoint, as in the profile. */
  endpoint: string;
  /** Rows this publish wrote. */
  rows: number;
}

export interface DataExportRequests {
  /**
   * Writes a held result to `path` (absolute, or relative to the workspace) in `format`. Progress comes
   * as `export.progress` events carrying `exportId`; a file appears under `path` only when complete.
   */
  'data.export': {
    params: { sessionId: string; handle: string; format: ExportFormat; path: string; exportId: string };
    result: { path: string; rows: number; bytes: number };
  };
  /** Stops an export; its `data.export` then fails with "cancelled" and leaves no file. */
  'data.exportCancel': { params: { sessionId: string; exportId: string }; result: { cancelled: boolean } };
  /** Writes a held result as the Delta table `name` of the host's `published` share schema. */
  'data.publish': { params: { sessionId: string; handle: string; name: string; mode: PublishMode }; result: PublishResult };
  /** Copies the publishing profile to `path` (owner-only, since it holds the token). */
  'data.saveProfile': { params: { sessionId: string; path: string }; result: { path: string } };
}

export const DATA_EXPORT_PARAMS: Record<keyof DataExportRequests, Shape> = {
  'data.export': { sessionId: 'string', handle: 'string', format: 'string', path: 'string', exportId: 'string' },
  'data.exportCancel': { sessionId: 'string', exportId: 'string' },
  'data.publish': { sessionId: 'string', handle: 'string', name: 'string', mode: 'string' },
  'data.saveProfile': { sessionId: 'string', path: 'string' },
};

/** How far an export got: `done` of `total` rows (an estimate while DuckDB writes the file). */
export type ExportNotice = { kind: 'event'; type: 'export.progress'; sessionId: string; exportId: string; done: number; total: number };
