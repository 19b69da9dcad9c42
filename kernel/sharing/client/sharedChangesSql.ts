import { quoteLiteral } from '../../../common/sqlQuote';
import { CHANGE_COLUMNS } from '../../delta/changeDataFeed';
import { buildScanSql, type ScanFile } from '../../delta/fileScanSql';
import { deletedRows } from './deletedRows';
import { fetchFiles } from './fetchFiles';
import type { ChangesOptions, SharingClient } from './SharingClient';
import { assertReadable, toDeltaMetadata } from './sharedTableSql';
import { withContext } from './SharingError';
import { refName } from './tableRef';
import type { SharedFile, TableRef } from './types';

/**
 * Change data feed rows as one SELECT: the table's columns plus `_change_type`, `_commit_version`
 * and `_commit_timestamp` (checklist 43). Both ends are inclusive (44). Per version, `cdf` files
 * win over add/remove (checklist 45); `add` = insert, `remove` = delete, `cdf` files carry their own type.
 */
export async function sharedChangesSql(
  client: SharingClient,
  ref: TableRef,
  opts: Omit<ChangesOptions, 'includeHistoricalMetadata'>,
): Promise<{ sql: string; paths: string[] }> {
  // As in sharedTableSql: the files stay out of every eviction from download until just after this
  // returns, by when the caller holds `paths` for its statement (SharedTables.viewSql).
  const holds = client.fileCache().holdSet();
  try {
    return await readChanges(client, ref, opts, holds.hold);
  } catch (e) {
    throw withContext(e, `reading changes of ${refName(ref)}`, refName(ref));
  } finally {
    setImmediate(holds.release);
  }
}

async function readChanges(
  client: SharingClient,
  ref: TableRef,
  opts: Omit<ChangesOptions, 'includeHistoricalMetadata'>,
  hold: (paths: string[]) => void,
): Promise<{ sql: string; paths: string[] }> {
  const result = await client.tableChanges(ref, opts);
  assertReadable(result, ref);
  const byVersion = new Map<number, SharedFile[]>();
  for (const f of result.files) {
    const v = f.version ?? result.version;
    byVersion.set(v, [...(byVersion.get(v) ?? []), f]);
  }
  const chosen: SharedFile[] = [];
  for (const files of byVersion.values()) {
    const cdf = files.filter((f) => f.kind === 'cdf');
    chosen.push(...(cdf.length > 0 ? cdf : files));
  }
  hold(chosen.map((f) => client.fileCache().pathFor(f.id)));
  const paths = await fetchFiles(client, chosen, {
    signal: opts.signal,
    refreshUrls: async () => new Map((await client.tableChanges(ref, opts)).files.map((f) => [f.id, f.url])),
  });
  const scan: ScanFile[] = [];
  for (const [version, files] of [...byVersion.entries()].sort((a, b) => a[0] - b[0])) {
    scan.push(
      ...(await versionFiles(
        client,
        version,
        files.filter((f) => chosen.includes(f)),
        paths,
        opts.signal,
      )),
    );
  }
  const sql = await buildScanSql({
    table: refName(ref),
    metadata: toDeltaMetadata(result.metadata),
    files: scan,
    extraColumns: CHANGE_COLUMNS,
  });
  return { sql, paths: [...paths.values()] };
}

async function versionFiles(
  client: SharingClient,
  version: number,
  files: SharedFile[],
  paths: Map<string, string>,
  signal?: AbortSignal,
): Promise<ScanFile[]> {
  const constants = (f: SharedFile, changeType?: string) => ({
    ...(changeType ? { _change_type: quoteLiteral(changeType) } : {}),
    _commit_version: String(version),
    // Checklist 37: the commit time is the server's timestamp for the action.
    _commit_timestamp: f.timestamp === undefined ? 'NULL' : `make_timestamptz(${Math.trunc(f.timestamp) * 1000}::BIGINT)`,
  });
  const local = (f: SharedFile) => ({ absolutePath: paths.get(f.id)!, partitionValues: f.partitionValues });
  const out: ScanFile[] = [];
  const removes = new Map(files.filter((f) => f.kind === 'remove').map((f) => [f.id, f]));
  for (const f of files) {
    if (f.kind === 'cdf') out.push({ ...local(f), constants: constants(f) });
    if (f.kind !== 'add') continue;
    const removed = removes.get(f.id);
    if (!removed) {
      out.push({ ...local(f), deletedRows: await deletedRows(client, f, signal), constants: constants(f, 'insert') });
      continue;
    }
    // The same file removed and re-added with a new deletion vector: only rows whose state changed.
    removes.delete(f.id);
    const before = new Set(await deletedRows(client, removed, signal));
    const after = await deletedRows(client, f, signal);
    const afterSet = new Set(after);
    const newlyDeleted = after.filter((r) => !before.has(r));
    const restored = [...before].filter((r) => !afterSet.has(r)).sort((a, b) => a - b);
    if (newlyDeleted.length > 0) out.push({ ...local(f), onlyRows: newlyDeleted, constants: constants(f, 'delete') });
    if (restored.length > 0) out.push({ ...local(f), onlyRows: restored, constants: constants(f, 'insert') });
  }
  for (const r of removes.values())
    out.push({ ...local(r), deletedRows: await deletedRows(client, r, signal), constants: constants(r, 'delete') });
  return out;
}
