/**
 * Data for BI tools: a result the session holds, streamed to a file (CSV, Parquet, Arrow IPC, JSON
 * lines, Excel), or published as a Delta table that the host's built-in sharing server serves.
 */
import * as s from '../../common/schema';

export const EXPORT_FORMATS = ['csv', 'parquet', 'arrow', 'jsonl', 'xlsx'] as const;

/** `arrow` is the Arrow IPC file format (Feather v2); `jsonl` one JSON object per line. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const PUBLISH_MODES = ['append', 'replace'] as const;

/** `append` adds the rows as a new table version; `replace` makes them the whole table in a new version. */
export type PublishMode = (typeof PUBLISH_MODES)[number];

/** The params of each data request, checked at run time; their types below are inferred from these. */
export const DATA_EXPORT_PARAMS = {
  'data.export': s.object({
    sessionId: s.string(),
    handle: s.string(),
    format: s.oneOf(EXPORT_FORMATS, 'export format'),
    path: s.string(),
    exportId: s.string(),
  }),
  'data.exportCancel': s.object({ sessionId: s.string(), exportId: s.string() }),
  'data.publish': s.object({
    sessionId: s.string(),
    handle: s.string(),
    name: s.string(),
    mode: s.oneOf(PUBLISH_MODES),
  }),
  'data.saveProfile': s.object({ sessionId: s.string(), path: s.string() }),
};

type In<K extends keyof typeof DATA_EXPORT_PARAMS> = s.Infer<(typeof DATA_EXPORT_PARAMS)[K]>;

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
    params: In<'data.export'>;
    result: { path: string; rows: number; bytes: number };
  };
  /** Stops an export; its `data.export` then fails with "cancelled" and leaves no file. */
  'data.exportCancel': { params: In<'data.exportCancel'>; result: { cancelled: boolean } };
  /** Writes a held result as the Delta table `name` of the host's `published` share schema. */
  'data.publish': { params: In<'data.publish'>; result: PublishResult };
  /** Copies the publishing profile to `path` (owner-only, since it holds the token). */
  'data.saveProfile': { params: In<'data.saveProfile'>; result: { path: string } };
}

/** How far an export got: `done` of `total` rows (an estimate while DuckDB writes the file). */
export type ExportNotice = { kind: 'event'; type: 'export.progress'; sessionId: string; exportId: string; done: number; total: number };
