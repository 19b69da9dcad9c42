import { readDeletionVector } from './deletionVector';
import { buildScanSql } from './fileScanSql';
import type { DeltaFile, DeltaSnapshot } from './types';

export interface SnapshotScanOptions {
  /** Logical column names to return, in this order; all columns when absent. */
  columns?: string[];
  /** Loads a file's deleted row indexes; defaults to reading its deletion vector from disk. */
  dvLoader?: (file: DeltaFile) => Promise<ArrayLike<number>>;
  /** Zone in which zone-less timestamp partition values were written (default UTC). */
  partitionTimeZone?: string;
}

/**
 * SQL (a single SELECT) that reads the snapshot's files in DuckDB with the LOGICAL schema:
 * read_parquet over the files, partition values as typed constants, column mapping resolved,
 * missing columns as typed NULLs, deletion-vector rows removed, type widening applied by casts.
 */
export async function snapshotScanSql(snapshot: DeltaSnapshot, opts: SnapshotScanOptions = {}): Promise<string> {
  const load = opts.dvLoader ?? ((f: DeltaFile) => readDeletionVector(snapshot.tableRoot, f.deletionVector!));
  const files = await Promise.all(
    snapshot.files.map(async (f) => ({
      absolutePath: f.absolutePath,
      partitionValues: f.partitionValues,
      deletedRows: f.deletionVector ? await load(f) : undefined,
    })),
  );
  return buildScanSql({
    table: snapshot.tableRoot,
    metadata: snapshot.metadata,
    files,
    columns: opts.columns,
    partitionTimeZone: opts.partitionTimeZone,
  });
}
