import { quoteLiteral } from '../../common/sqlQuote';
import { readDeletionVector } from './deletionVector';
import type { DeltaTable } from './DeltaTable';
import { buildScanSql, type ScanFile } from './fileScanSql';
import type { DeletionVectorDescriptor, DeltaChangeAction, DeltaCommitChanges } from './types';

export interface ChangesScanOptions {
  /** Logical columns to return before the three change columns; all when absent. */
  columns?: string[];
  /** Zone in which zone-less timestamp partition values were written (default UTC). */
  partitionTimeZone?: string;
}

/** The columns change data feed rows add to a table's own, with their DuckDB types. */
export const CHANGE_COLUMNS = [
  { name: '_change_type', sqlType: 'VARCHAR' },
  { name: '_commit_version', sqlType: 'BIGINT' },
  { name: '_commit_timestamp', sqlType: 'TIMESTAMPTZ' },
];

/**
 * Change data feed rows between versions (inclusive) as one SELECT, in the schema of the end version
 * plus `_change_type`, `_commit_version` and `_commit_timestamp`. A commit with `cdc` files is read
 * from them alone; otherwise its adds are inserts and its removes deletes. When a commit removes and
 * re-adds the same file with a new deletion vector, only the rows whose deletion state changed count.
 */
export async function changesScanSql(
  table: DeltaTable,
  startVersion: number,
  endVersion?: number,
  opts: ChangesScanOptions = {},
): Promise<string> {
  const commits = await table.changes(startVersion, endVersion);
  const end = commits[commits.length - 1].version;
  const snapshot = await table.snapshot({ version: end });
  const files: ScanFile[] = [];
  for (const commit of commits) {
    await fillRemovedPartitionValues(table, commit, snapshot.metadata.partitionColumns);
    files.push(...(await commitFiles(table.root, commit)));
  }
  return buildScanSql({
    table: table.root,
    metadata: snapshot.metadata,
    files,
    columns: opts.columns,
    extraColumns: CHANGE_COLUMNS,
    partitionTimeZone: opts.partitionTimeZone,
  });
}

async function commitFiles(root: string, commit: DeltaCommitChanges): Promise<ScanFile[]> {
  const constants = (changeType?: string) => ({
    ...(changeType ? { _change_type: quoteLiteral(changeType) } : {}),
    _commit_version: String(commit.version),
    _commit_timestamp: `make_timestamptz(${commit.timestamp * 1000}::BIGINT)`,
  });
  const cdc = commit.actions.filter((a) => a.kind === 'cdc');
  if (cdc.length > 0) {
    // The change type is a column of the cdc file itself.
    return cdc.map((a) => ({ absolutePath: a.absolutePath, partitionValues: a.partitionValues, constants: constants() }));
  }
  const dvRows = (dv: DeletionVectorDescriptor | null | undefined) => (dv ? readDeletionVector(root, dv) : Promise.resolve([]));
  const removes = new Map<string, DeltaChangeAction>();
  for (const a of commit.actions) if (a.kind === 'remove') removes.set(a.absolutePath, a);
  const out: ScanFile[] = [];
  for (const add of commit.actions.filter((a) => a.kind === 'add')) {
    const key = add.absolutePath;
    const removed = removes.get(key);
    const base = { absolutePath: add.absolutePath, partitionValues: add.partitionValues };
    if (!removed) {
      out.push({ ...base, deletedRows: await dvRows(add.deletionVector), constants: constants('insert') });
      continue;
    }
    removes.delete(key);
    const before = new Set(await dvRows(removed.deletionVector));
    const after = await dvRows(add.deletionVector);
    const afterSet = new Set(after);
    const newlyDeleted = after.filter((r) => !before.has(r));
    const restored = [...before].filter((r) => !afterSet.has(r)).sort((a, b) => a - b);
    if (newlyDeleted.length > 0) out.push({ ...base, onlyRows: newlyDeleted, constants: constants('delete') });
    if (restored.length > 0) out.push({ ...base, onlyRows: restored, constants: constants('insert') });
  }
  for (const remove of removes.values()) {
    out.push({
      absolutePath: remove.absolutePath,
      partitionValues: remove.partitionValues,
      deletedRows: await dvRows(remove.deletionVector),
      constants: constants('delete'),
    });
  }
  return out;
}

/**
 * Removes written before extendedFileMetadata carry no partition values; the previous version's
 * add of the same file has them, so deleted rows still show their partition columns.
 */
async function fillRemovedPartitionValues(table: DeltaTable, commit: DeltaCommitChanges, partitionColumns: string[]): Promise<void> {
  const bare = commit.actions.filter((a) => a.kind === 'remove' && Object.keys(a.partitionValues).length === 0);
  if (partitionColumns.length === 0 || bare.length === 0 || commit.version === 0) return;
  const before = await table.snapshot({ version: commit.version - 1 });
  const byPath = new Map(before.files.map((f) => [f.absolutePath, f.partitionValues]));
  for (const a of bare) a.partitionValues = byPath.get(a.absolutePath) ?? a.partitionValues;
}
