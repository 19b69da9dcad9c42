/**
 * A demo table's writer plus a long-lived reader. The reader caches the commits it has parsed, so
 * reading the latest snapshot every tick costs the new commits only, not the whole log again.
 */
import { DeltaTable, DeltaWriter, snapshotScanSql, type CreateTableOptions } from '../../delta';

export interface DeltaHandle {
  writer: DeltaWriter;
  table: DeltaTable;
}

export async function createHandle(path: string, opts: CreateTableOptions): Promise<DeltaHandle> {
  return { writer: await DeltaWriter.create(path, opts), table: DeltaTable.open(path) };
}

export async function openHandle(path: string): Promise<DeltaHandle> {
  return { writer: await DeltaWriter.open(path), table: DeltaTable.open(path) };
}

/** A SELECT over the table's latest snapshot. */
export async function latestScanSql(handle: DeltaHandle): Promise<string> {
  return snapshotScanSql(await handle.table.snapshot());
}
