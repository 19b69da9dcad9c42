/**
 * Silt's Delta Sharing client: profiles and auth, discovery, metadata, queries and change feeds
 * over the REST protocol, resumable cached downloads, and DuckDB SQL over the downloaded files.
 * "Checklist N" in comments here and in the tests is item N of docs/DELTA_SHARING.md, section 3.
 */
export { SharingClient, type SharingClientOptions, type QueryOptions, type ChangesOptions } from './SharingClient';
export { SharingError } from './SharingError';
export { expiryWarning, looksLikeProfilePath, parseProfile, parseProfileText, profileWarnings, SharingProfile, stripBom } from './profile';
export type { ProfileAuth } from './profile';
export { sharedTableSql, type SharedTableOptions, type SharedTableRead } from './sharedTableSql';
export { sharedChangesSql } from './sharedChangesSql';
export { damagedFileError } from './damagedFile';
export { toJsonPredicate, type JsonPredicate, type WhereExpr } from './jsonPredicate';
export { parseTableRef, sameName } from './tableRef';
export { describeEviction, FileCache, type Eviction } from './FileCache';
export { cacheCap, parseByteSize } from './cacheCap';
export type { DownloadOptions } from './downloadFile';
export type { Progress } from './fetchFiles';
export { describeSkipped, skippedFiles, type SkippedFiles } from './skippedFiles';
export { formatBytes } from '../../../common/formatBytes';
export type * from './types';
