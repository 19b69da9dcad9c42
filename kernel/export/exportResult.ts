/**
 * Exports a result the session holds to a file, streamed: DuckDB's COPY for CSV, Parquet and JSON
 * lines; bounded chunks by rowid for Arrow IPC and Excel. The file appears under its name only once
 * complete (writeAtomically).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { isAbsolute, resolve } from 'node:path';
import type { ExportFormat } from '../protocol/dataExport';
import { EXPORT_FORMATS } from '../protocol/dataExport';
import type { DuckEngine } from '../engine/DuckEngine';
import { planColumns } from './columnPlan';
import { copyToFile } from './copyToFile';
import { ExportError } from './ExportError';
import { describeTable, readChunks } from './readChunks';
import { resultTable } from './resultTable';
import { writeArrowFile } from './writeArrowFile';
import { writeAtomically } from '../fs/atomicWrite';
import { EXCEL_MAX_ROWS, writeExcelFile } from './writeExcelFile';

export interface ExportRequest {
  handle: string;
  format: ExportFormat;
  /** Absolute, or relative to `workspace`. */
  path: string;
  workspace: string;
  signal?: AbortSignal;
  /** Rows written so far of `total`. */
  onProgress?: (done: number, total: number) => void;
}

export interface ExportSummary {
  path: string;
  rows: number;
  bytes: number;
}

export async function exportResult(engine: DuckEngine, req: ExportRequest): Promise<ExportSummary> {
  if (!EXPORT_FORMATS.includes(req.format))
    throw new ExportError(`Unknown export format "${req.format}"; use one of ${EXPORT_FORMATS.join(', ')}.`, 'bad-request');
  if (req.path.trim() === '') throw new ExportError('Give a file to export to.', 'bad-request');
  const path = isAbsolute(req.path) ? req.path : resolve(req.workspace, req.path);
  // A connection of its own: an export neither waits for the user's running cell nor is stopped by its Interrupt.
  const conn = await engine.connect();
  try {
    return await exportFrom(engine, conn, req, path);
  } finally {
    conn.closeSync();
  }
}

async function exportFrom(engine: DuckEngine, conn: DuckDBConnection, req: ExportRequest, path: string): Promise<ExportSummary> {
  const source = await resultTable(engine, req.handle, conn);
  if (req.format === 'xlsx' && source.rowCount > EXCEL_MAX_ROWS) {
    throw new ExportError(
      `The result has ${source.rowCount.toLocaleString('en-US')} rows; an Excel sheet holds at most ${EXCEL_MAX_ROWS.toLocaleString('en-US')}. Export it as CSV or Parquet instead.`,
      'too-large',
    );
  }
  const onRows = (rows: number) => req.onProgress?.(rows, source.rowCount);
  const { bytes } = await writeAtomically(path, async (tmp) => {
    if (req.format === 'csv' || req.format === 'parquet' || req.format === 'jsonl') {
      return copyToFile(conn, source, req.format, tmp, { signal: req.signal, onRows });
    }
    const plan = planColumns(await describeTable(conn, source.table));
    const chunks = readChunks(conn, source, plan, req.signal);
    return req.format === 'arrow' ? writeArrowFile(tmp, plan, chunks, onRows) : writeExcelFile(tmp, plan, chunks, onRows);
  });
  return { path, rows: source.rowCount, bytes };
}
