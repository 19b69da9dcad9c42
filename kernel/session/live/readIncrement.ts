/**
 * Reads what a live table needs from the server: its snapshot once, then only increments. An
 * increment is one request for a range of versions: the change data feed (`/changes`) when the table
 * has it, else a `startingVersion` query (added and removed files). Either way it comes back as one
 * SELECT over the downloaded files with `_change_type` and `_commit_version` per row, plus (files mode)
 * the file each row came from, so the local copy can drop a removed file's rows exactly.
 */
import { buildScanSql, type ScanFile } from '../../delta/fileScanSql';
import type { SharingClient } from '../../sharing/client';
import { deletedRows } from '../../sharing/client/deletedRows';
import { fetchFiles, type Progress } from '../../sharing/client/fetchFiles';
import { assertReadable, toDeltaMetadata } from '../../sharing/client/sharedTableSql';
import type { QueryResult, SharedFile, SharedMetadata, TableRef } from '../../sharing/client/types';
import { refName } from '../../sharing/client/tableRef';
import { quoteLiteral } from '../../../common/sqlQuote';

export type LiveMode = 'cdf' | 'files';

/** The column that holds, in files mode, the id of the file a row was read from. */
export const FILE_COLUMN = '__silt_file';

export interface SnapshotRead {
  version: number;
  metadata: SharedMetadata;
  /** The table's rows (+ FILE_COLUMN in files mode). */
  sql: string;
  bytes: number;
  /** File id → identity (fileIdentity) of every file read, for a later diff by file identity. */
  files: Map<string, string>;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Bytes downloaded so far of the files this read needs. */
  onProgress?: (p: Progress) => void;
  /**
   * Told the cache paths of the files this read needs before it downloads them: the caller keeps them
   * out of every eviction (other sessions share the cache) until the copy has read them.
   */
  hold?: (paths: string[]) => void;
}

/**
 * What makes two listings' files the same data: the id (stable per path, checklist 46), the size, and
 * the deletion vector, since re-adding a path with a new deletion vector changes its rows.
 */
export function fileIdentity(f: SharedFile): string {
  const dv = f.deletionVector;
  const dvKey = dv ? (f.deletionVectorFileId ?? `${dv.storageType}:${dv.pathOrInlineDv}:${dv.offset ?? ''}:${dv.cardinality}`) : '';
  return `${f.id}\u0000${f.size}\u0000${dvKey}`;
}

export interface IncrementRead {
  /** The table's metadata at the end of the range. */
  metadata: SharedMetadata;
  /** Every metaData seen in the range (a schema change shows here). */
  schemas: SharedMetadata[];
  /** Changed rows, or null when no file has rows to read. */
  sql: string | null;
  /** Versions that changed data, ascending. */
  versions: number[];
  /** Files mode: files whose rows leave the local copy (removed, or replaced by a new add). */
  dropFiles: string[];
  bytes: number;
  /** Latest commit time (ms) among the range's actions, when the server gave one. */
  landedAt?: number;
}

const EXTRA = [
  { name: '_change_type', sqlType: 'VARCHAR' },
  { name: '_commit_version', sqlType: 'BIGINT' },
];
const FILE_EXTRA = { name: FILE_COLUMN, sqlType: 'VARCHAR' };

export async function readSnapshot(client: SharingClient, ref: TableRef, mode: LiveMode, opts: ReadOptions = {}): Promise<SnapshotRead> {
  const { signal } = opts;
  const result = await client.queryTable(ref, { signal });
  assertReadable(result, ref);
  const paths = await download(
    client,
    result.files,
    opts,
    async () => (await client.queryTable(ref, { signal, refreshToken: result.refreshToken })).files,
  );
  const files: ScanFile[] = [];
  for (const f of result.files) {
    files.push({
      absolutePath: paths.get(f.id)!,
      partitionValues: f.partitionValues,
      deletedRows: await deletedRows(client, f, signal),
      constants: { [FILE_COLUMN]: quoteLiteral(f.id) },
    });
  }
  const sql = await buildScanSql({
    table: refName(ref),
    metadata: toDeltaMetadata(result.metadata),
    files,
    extraColumns: mode === 'files' ? [FILE_EXTRA] : [],
  });
  const identities = new Map(result.files.map((f) => [f.id, fileIdentity(f)]));
  return { version: result.version, metadata: result.metadata, sql, bytes: sum(result.files), files: identities };
}

/**
 * When a version was committed, from its own actions' timestamps, so a table made live shows how old
 * its data is before any new version lands. Best effort: it needs the history shared and a version
 * that added or removed files; undefined otherwise.
 */
export async function commitTime(client: SharingClient, ref: TableRef, version: number, signal?: AbortSignal): Promise<number | undefined> {
  try {
    const result = await client.queryTable(ref, { startingVersion: version, endingVersion: version, signal });
    return maxOf(result.files.map((f) => f.timestamp));
  } catch {
    return undefined;
  }
}

/** Versions `from`..`to` (inclusive) as one increment. */
export async function readIncrement(
  client: SharingClient,
  ref: TableRef,
  from: number,
  to: number,
  mode: LiveMode,
  opts: ReadOptions = {},
): Promise<IncrementRead> {
  const { signal } = opts;
  const ask = () =>
    mode === 'cdf'
      ? client.tableChanges(ref, { startingVersion: from, endingVersion: to, includeHistoricalMetadata: true, signal })
      : client.queryTable(ref, { startingVersion: from, endingVersion: to, signal });
  const result = await ask();
  assertReadable(result, ref);
  const schemas = [result.metadata, ...result.historicalMetadata].sort((a, b) => (a.version ?? from) - (b.version ?? from));
  const metadata = schemas[schemas.length - 1];
  const byVersion = groupByVersion(result);
  const versions = [...byVersion.keys()].sort((a, b) => a - b);
  const landedAt = maxOf(result.files.map((f) => f.timestamp));
  const { read, dropFiles } = mode === 'cdf' ? cdfFiles(byVersion, versions) : netFiles(byVersion, versions);
  if (read.length === 0) return { metadata, schemas, sql: null, versions, dropFiles, bytes: 0, landedAt };
  const sql = await scanOf(client, ref, metadata, read, mode, opts, async () => (await ask()).files);
  return { metadata, schemas, sql, versions, dropFiles, bytes: sum(read.map((r) => r.file)), landedAt };
}

/** Downloads `read` and returns one SELECT over them with the increment's bookkeeping columns. */
export async function scanOf(
  client: SharingClient,
  ref: TableRef,
  metadata: SharedMetadata,
  read: ReadFile[],
  mode: LiveMode,
  opts: ReadOptions,
  again: () => Promise<SharedFile[]>,
): Promise<string> {
  const { signal } = opts;
  const paths = await download(
    client,
    read.map((r) => r.file),
    opts,
    again,
  );
  const files: ScanFile[] = [];
  for (const { file, version, changeType } of read) {
    files.push({
      absolutePath: paths.get(file.id)!,
      partitionValues: file.partitionValues,
      deletedRows: await deletedRows(client, file, signal),
      constants: {
        _change_type: changeType ? quoteLiteral(changeType) : 'NULL',
        _commit_version: String(version),
        [FILE_COLUMN]: quoteLiteral(file.id),
      },
    });
  }
  const extraColumns = mode === 'files' ? [...EXTRA, FILE_EXTRA] : EXTRA;
  return buildScanSql({ table: refName(ref), metadata: toDeltaMetadata(metadata), files, extraColumns });
}

export interface ReadFile {
  file: SharedFile;
  version: number;
  /** Undefined for `cdf` files, which carry their own `_change_type` column. */
  changeType?: 'insert' | 'delete';
}

function groupByVersion(result: QueryResult): Map<number, SharedFile[]> {
  const byVersion = new Map<number, SharedFile[]>();
  for (const f of result.files) {
    const v = f.version ?? result.version;
    byVersion.set(v, [...(byVersion.get(v) ?? []), f]);
  }
  return byVersion;
}

/** Checklist 45: within one version, `cdf` files when there are any; else adds insert and removes delete. */
function cdfFiles(byVersion: Map<number, SharedFile[]>, versions: number[]): { read: ReadFile[]; dropFiles: string[] } {
  const read: ReadFile[] = [];
  for (const version of versions) {
    const files = byVersion.get(version)!;
    const cdf = files.filter((f) => f.kind === 'cdf');
    if (cdf.length > 0) read.push(...cdf.map((file) => ({ file, version })));
    else for (const file of files) read.push({ file, version, changeType: file.kind === 'remove' ? 'delete' : 'insert' });
  }
  return { read, dropFiles: [] };
}

/**
 * The net effect of a burst of versions on the file set: a file added and removed within the burst
 * is never downloaded; a file removed (or re-added, e.g. with a new deletion vector) has its old rows
 * dropped; the files still present at the end are read once.
 */
function netFiles(byVersion: Map<number, SharedFile[]>, versions: number[]): { read: ReadFile[]; dropFiles: string[] } {
  const present = new Map<string, ReadFile>();
  const drop = new Set<string>();
  for (const version of versions) {
    const files = byVersion.get(version)!;
    for (const f of files.filter((x) => x.kind === 'remove')) {
      present.delete(f.id);
      drop.add(f.id);
    }
    for (const f of files.filter((x) => x.kind === 'add' || x.kind === 'file')) {
      drop.add(f.id); // Delta replay: an add of a path replaces whatever that path held
      present.set(f.id, { file: f, version, changeType: 'insert' });
    }
  }
  return { read: [...present.values()], dropFiles: [...drop] };
}

function download(client: SharingClient, files: SharedFile[], opts: ReadOptions, again: () => Promise<SharedFile[]>) {
  opts.hold?.(files.map((f) => client.fileCache().pathFor(f.id)));
  return fetchFiles(client, files, {
    signal: opts.signal,
    onProgress: opts.onProgress,
    refreshUrls: async () => new Map((await again()).map((f) => [f.id, f.url])),
  });
}

export function sum(files: SharedFile[]): number {
  return files.reduce((s, f) => s + f.size, 0);
}

function maxOf(xs: (number | undefined)[]): number | undefined {
  const defined = xs.filter((x): x is number => x !== undefined);
  return defined.length > 0 ? Math.max(...defined) : undefined;
}
