/**
 * The notebook document as the renderer edits it and the kernel stores it. The kernel converts it to
 * and from `.ipynb` (kernel/notebook); the renderer never sees nbformat.
 */

export const CODE_LANGUAGES = ['sql', 'typescript'] as const;

/** The language of a code cell. SQL cells run on DuckDB, TypeScript cells in the session's realm. */
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/** One column of a table output. */
export interface ColumnInfo {
  name: string;
  /** DuckDB type name, e.g. `BIGINT`, `VARCHAR`, `TIMESTAMP WITH TIME ZONE`. */
  type: string;
}

/** A JSON-safe cell value: BIGINTs and decimals travel as strings, dates as ISO strings. */
export type CellValue = string | number | boolean | null | CellValue[] | { [key: string]: CellValue };

/** A table result. Rows beyond `rows` are fetched by `handle` while the session holds it. */
export interface TableOutput {
  kind: 'table';
  /** The session's result handle; absent when the output was loaded from a file. */
  handle?: string;
  rowCount: number;
  columns: ColumnInfo[];
  /** The first rows (at most the stored cap when loaded from a file). */
  rows: CellValue[][];
}

/** Text written by the cell while it runs (console.log, console.error). */
export interface StreamOutput {
  kind: 'stream';
  name: 'stdout' | 'stderr';
  text: string;
}

/** A rich value: the renderer picks the richest MIME type it knows. */
export interface RichOutput {
  kind: 'rich';
  /** MIME type → payload, e.g. `image/svg+xml`, `text/html`, `text/markdown`, `application/json`, `text/plain`. */
  data: Record<string, string>;
}

/** A failed run. `line` is 1-based in the cell's own source when it can be known. */
export interface ErrorOutput {
  kind: 'error';
  ename: string;
  message: string;
  line?: number;
  /** 1-based column in `line` where a SQL error points (UTF-16 code units, as the editor counts). */
  column?: number;
  /** Human-readable trace lines, already mapped to cell sources. */
  traceback: string[];
}

export type Output = TableOutput | StreamOutput | RichOutput | ErrorOutput;

export interface CodeCell {
  id: string;
  type: 'code';
  language: CodeLanguage;
  source: string;
  /** For SQL cells: the variable/table name the result is bound to. */
  name?: string;
  outputs: Output[];
  executionCount: number | null;
  /** Elapsed time of the last run in milliseconds. */
  elapsedMs?: number;
  /**
   * Live tables: `auto` marks the cell live (the shared tables it names are kept current while the
   * notebook is open); `manual` opts it out of re-running when a table it depends on changes.
   * Absent: it re-runs when a live table it depends on changes, and starts nothing itself.
   */
  live?: 'auto' | 'manual';
  /** Cell metadata Silt does not understand, kept verbatim for round trips. */
  extraMetadata?: Record<string, unknown>;
  /** Jupyter tags (e.g. `parameters`). */
  tags?: string[];
}

export interface MarkdownCell {
  id: string;
  type: 'markdown';
  source: string;
  extraMetadata?: Record<string, unknown>;
  tags?: string[];
}

export interface RawCell {
  id: string;
  type: 'raw';
  source: string;
  extraMetadata?: Record<string, unknown>;
}

export type Cell = CodeCell | MarkdownCell | RawCell;

export interface NotebookModel {
  cells: Cell[];
  /** Notebook metadata Silt does not interpret (kept verbatim). */
  metadata: Record<string, unknown>;
}
