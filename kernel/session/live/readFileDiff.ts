/**
 * The increment of a table shared without its history (no `startingVersion` queries, no change data
 * feed): the current file list compared with the files the local copy holds, by file identity (id,
 * size, deletion vector). Only files the copy does not hold are downloaded; the rows of files that
 * left the list (or changed) are dropped. Applied like a files-mode increment (LiveCopy.applyFiles).
 */
import type { SharingClient } from '../../sharing/client';
import { assertReadable } from '../../sharing/client/sharedTableSql';
import type { QueryResult, SharedFile, SharedMetadata, TableRef } from '../../sharing/client/types';
import { fileIdentity, scanOf, sum, type IncrementRead, type ReadFile, type ReadOptions } from './readIncrement';

export interface FileDiffRead extends IncrementRead {
  /** The version the listing is of. */
  version: number;
  /** File id → identity after this increment (what the copy then holds). */
  files: Map<string, string>;
}

/**
 * `listing`: the table's file list to diff against (default: asked now). A listing whose URLs have
 * expired by the time a file is downloaded is refreshed, never a reason to fail.
 */
export async function readFileDiff(
  client: SharingClient,
  ref: TableRef,
  held: Map<string, string>,
  opts: ReadOptions = {},
  listing?: QueryResult,
): Promise<FileDiffRead> {
  const result = listing ?? (await client.queryTable(ref, { signal: opts.signal }));
  assertReadable(result, ref);
  const files = new Map(result.files.map((f) => [f.id, fileIdentity(f)]));
  const { read, dropFiles } = diffFiles(
    held,
    result.files.map((f) => ({ id: f.id, identity: files.get(f.id)! })),
  );
  const wanted = new Set(read);
  const toRead: ReadFile[] = result.files
    .filter((f) => wanted.has(f.id))
    .map((file) => ({ file, version: result.version, changeType: 'insert' }));
  const metadata: SharedMetadata = result.metadata;
  const sql =
    toRead.length > 0
      ? await scanOf(client, ref, metadata, toRead, 'files', opts, () => refreshedFiles(client, ref, result, opts.signal))
      : null;
  const landedAt = Math.max(0, ...result.files.map((f) => f.timestamp ?? 0)) || undefined;
  return {
    version: result.version,
    metadata,
    schemas: [metadata],
    sql,
    versions: [result.version],
    dropFiles,
    bytes: sum(toRead.map((r) => r.file)),
    ...(landedAt !== undefined ? { landedAt } : {}),
    files,
  };
}

/**
 * The listing's files with fresh URLs, as the rest of the client refreshes them (checklist 47–48):
 * with the listing's refresh token the server answers for the same snapshot, so a commit since then
 * cannot take a file of this diff away. Without a token it is the latest listing again, and a file
 * that left it fails the download by name.
 */
export async function refreshedFiles(
  client: SharingClient,
  ref: TableRef,
  listing: QueryResult,
  signal?: AbortSignal,
): Promise<SharedFile[]> {
  return (await client.queryTable(ref, { signal, refreshToken: listing.refreshToken })).files;
}

/**
 * Pure: which files to read (new, or changed under the same id) and which ids' rows leave the copy
 * (gone, or changed). A file held unchanged is neither.
 */
export function diffFiles(held: Map<string, string>, now: { id: string; identity: string }[]): { read: string[]; dropFiles: string[] } {
  const present = new Map(now.map((f) => [f.id, f.identity]));
  const read = now.filter((f) => held.get(f.id) !== f.identity).map((f) => f.id);
  const dropFiles = [...held.entries()].filter(([id, identity]) => present.get(id) !== identity).map(([id]) => id);
  return { read, dropFiles };
}
