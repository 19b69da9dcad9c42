import { buildScanSql, type ScanFile } from '../../delta/fileScanSql';
import type { DeltaMetadata } from '../../delta/types';
import { damagedFileError, dataFileName } from './damagedFile';
import { deletedRows } from './deletedRows';
import { fetchFiles, type Progress } from './fetchFiles';
import { plainScanSql } from './plainScanSql';
import { pruneFiles } from './pruneFiles';
import { skippedFiles, type SkippedFiles } from './skippedFiles';
import type { JsonPredicate } from './jsonPredicate';
import type { QueryOptions, SharingClient } from './SharingClient';
import { SharingError, withContext } from './SharingError';
import { refName } from './tableRef';
import type { QueryResult, SharedFile, SharedMetadata, TableRef } from './types';

export interface SharedTableOptions {
  version?: number;
  timestamp?: string;
  predicateHints?: JsonPredicate;
  limitHint?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

/** A read of a shared table: the SELECT over its local files, and what it took. */
export interface SharedTableRead {
  sql: string;
  version: number;
  files: number;
  bytes: number;
  /** The cached files the SELECT reads (hold them in the cache until it has run). */
  paths: string[];
  /** Cache path → the provider's name of the file, for telling a damaged one (damagedFile.ts). */
  names: ReadonlyMap<string, string>;
  /** What was not downloaded because the hints or the client's skipping ruled it out. */
  skipped?: SkippedFiles;
}

/** What a previous read left in the cache, so an unchanged table reopens without a /query. */
interface Manifest {
  version: number;
  metadata: SharedMetadata;
  files: { id: string; size: number; partitionValues: Record<string, string | null>; deletedRows: number[]; name?: string }[];
  /** The SELECT built for these files at these cache paths; reused while the paths are unchanged. */
  sql?: string;
}

/**
 * Downloads what is needed (cache first) and returns a single SELECT that reads the table's rows in
 * DuckDB with the logical schema: parquet files (+ typed partition columns, column mapping resolved,
 * deletion vectors applied, missing columns as NULL).
 *
 * Predicate and limit hints only narrow the file list (best effort, checklist 22–23): the SELECT may
 * return rows that do not match, so the caller still applies its own WHERE and LIMIT.
 */
export async function sharedTableSql(client: SharingClient, ref: TableRef, opts: SharedTableOptions = {}): Promise<SharedTableRead> {
  // The files this read finds or downloads stay out of every eviction (this process's and, through
  // the folder's holds, other sessions') until just after it returns: by then its caller holds them
  // for its statement (SharedTables.viewSql does so right after the await).
  const holds = client.fileCache().holdSet();
  try {
    return await readSharedTable(client, ref, opts, holds.hold);
  } catch (e) {
    throw withContext(e, `reading ${refName(ref)}`, refName(ref));
  } finally {
    setImmediate(holds.release);
  }
}

async function readSharedTable(
  client: SharingClient,
  ref: TableRef,
  opts: SharedTableOptions,
  hold: (paths: string[]) => void,
): Promise<SharedTableRead> {
  const cache = client.fileCache();
  const reusable = !opts.predicateHints && opts.limitHint === undefined && opts.timestamp === undefined;
  // Names are case-insensitive (checklist 4), so the cache key is lowercased.
  const key = `${client.profile.endpoint}\n${refName(ref).toLowerCase()}\n${opts.version ?? 'latest'}`;
  if (reusable) {
    // Checklist 50: the cheap /version call says whether the cached file list is still current. It
    // runs while the manifest and the cached files are looked up, so a warm re-open costs one round trip.
    const versionCheck = opts.version === undefined ? client.tableVersion(ref, { signal: opts.signal }) : Promise.resolve(opts.version);
    versionCheck.catch(() => undefined); // awaited below only when there is a manifest to check
    const manifest = await cache.readManifest<Manifest>(key);
    if (manifest) {
      const [current, cached] = await Promise.all([versionCheck, fromManifest(client, ref, manifest, hold)]);
      if (cached && manifest.version === current) {
        opts.onProgress?.({ files: cached.files, filesDone: cached.files, bytes: cached.bytes, bytesDone: cached.bytes });
        return cached;
      }
    }
  }

  const query: QueryOptions = {
    version: opts.version,
    timestamp: opts.timestamp,
    jsonPredicateHints: opts.predicateHints,
    limitHint: opts.limitHint,
    signal: opts.signal,
  };
  const answer = await client.queryTable(ref, query);
  assertReadable(answer, ref);
  // Only the files the WHERE may match are downloaded, whether or not the server pruned them itself.
  const result = { ...answer, files: pruneFiles(answer.files, answer.metadata, opts.predicateHints) };
  const skipped = skippedFiles(result.files, answer.files, answer.metadata);
  const onProgress = opts.onProgress && skipped ? (p: Progress) => opts.onProgress!({ ...p, skipped }) : opts.onProgress;
  const paths = await fetchFiles(client, result.files, {
    signal: opts.signal,
    onProgress,
    refreshUrls: () => refreshedUrls(client, ref, query, result),
    hold,
  });
  const manifest: Manifest = { version: result.version, metadata: result.metadata, files: [] };
  for (const f of result.files) {
    manifest.files.push({
      id: f.id,
      size: f.size,
      partitionValues: f.partitionValues,
      deletedRows: await deletedRows(client, f, opts.signal),
      name: dataFileName(f),
    });
  }
  const names = new Map(manifest.files.map((f) => [paths.get(f.id)!, f.name!]));
  manifest.sql = await scanSql(ref, manifest, paths, names);
  if (reusable) await cache.writeManifest(key, manifest);
  return {
    paths: [...paths.values()],
    names,
    sql: manifest.sql,
    version: result.version,
    files: result.files.length,
    bytes: sumSizes(result.files),
    ...(skipped ? { skipped } : {}),
  };
}

/**
 * New URLs for the same files (checklist 47–48): with a refresh token the server returns the same
 * file set for a latest-snapshot read; otherwise the same query is asked again.
 */
async function refreshedUrls(client: SharingClient, ref: TableRef, query: QueryOptions, result: QueryResult): Promise<Map<string, string>> {
  const again = await client.queryTable(ref, { ...query, refreshToken: result.refreshToken });
  return new Map(again.files.map((f) => [f.id, f.url]));
}

async function fromManifest(client: SharingClient, ref: TableRef, m: Manifest, hold: (paths: string[]) => void) {
  const cache = client.fileCache();
  hold(m.files.map((f) => cache.pathFor(f.id)));
  const found = await Promise.all(m.files.map((f) => cache.lookup(f.id, f.size)));
  if (found.some((p) => !p)) return undefined; // evicted meanwhile: fall back to a full query
  const paths = new Map(m.files.map((f, i) => [f.id, found[i]!]));
  const bytes = m.files.reduce((s, f) => s + f.size, 0);
  // The cache paths depend only on file ids, so a stored SELECT stays valid while every file is there.
  const names = new Map(m.files.map((f) => [paths.get(f.id)!, f.name ?? `with id ${f.id}`]));
  const sql = m.sql ?? (await scanSql(ref, m, paths, names));
  return { sql, version: m.version, files: m.files.length, bytes, paths: [...paths.values()], names };
}

/**
 * kernel/delta's scan SQL gives the logical schema: partition values cast by type with "" as null
 * (checklist 38–39), column mapping by physical name (checklist 36), Parquet columns by name with
 * missing ones as NULL (checklist 40), µs UTC timestamps, decimals, nested, timestamp_ntz (checklist 41).
 */
async function scanSql(ref: TableRef, m: Manifest, paths: Map<string, string>, names: ReadonlyMap<string, string>): Promise<string> {
  const metadata = toDeltaMetadata(m.metadata);
  const files: ScanFile[] = m.files.map((f) => ({
    absolutePath: paths.get(f.id)!,
    partitionValues: f.partitionValues,
    deletedRows: f.deletedRows,
  }));
  try {
    const plain = await plainScanSql(
      metadata,
      files.map((f) => f.absolutePath),
      m.files.some((f) => f.deletedRows.length > 0),
    );
    return plain ?? (await buildScanSql({ table: refName(ref), metadata, files }));
  } catch (e) {
    // Both read the files' Parquet footers, where a damaged file shows first.
    throw (await damagedFileError(e, refName(ref), names)) ?? e;
  }
}

export function assertReadable(result: QueryResult, ref: TableRef): void {
  if (!result.metadata.schemaString) {
    throw new SharingError(`${refName(ref)} has no schema in its metadata, so its rows cannot be read`, 0, 'NO_SCHEMA', false);
  }
  const partitionCols = new Set(result.metadata.partitionColumns);
  const schema = JSON.parse(result.metadata.schemaString) as { fields: { name: string; type: unknown }[] };
  for (const f of schema.fields) {
    // Checklist 39: partition values are strings; binary and nested types cannot be rebuilt from them.
    if (partitionCols.has(f.name) && (typeof f.type !== 'string' || f.type === 'binary')) {
      throw new SharingError(
        `${refName(ref)} is partitioned by "${f.name}" of a type that cannot be a partition value`,
        0,
        'UNSUPPORTED_PARTITION_TYPE',
        false,
      );
    }
  }
}

export function toDeltaMetadata(m: SharedMetadata): DeltaMetadata {
  return {
    id: m.id,
    name: m.name,
    description: m.description,
    format: m.format,
    schemaString: m.schemaString,
    partitionColumns: m.partitionColumns,
    configuration: m.configuration,
  };
}

function sumSizes(files: SharedFile[]): number {
  return files.reduce((s, f) => s + f.size, 0);
}
