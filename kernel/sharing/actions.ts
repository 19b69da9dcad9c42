import type { DeletionVectorDescriptor, DeltaMetadata, DeltaProtocol } from '../delta/types';

/*
 * One NDJSON line of a metadata/query/changes response is a wrapper object with exactly one key.
 * These are the shapes of both response formats (§API Response Actions in Parquet / Delta Format).
 */

/** Parquet format `protocol`: always minReaderVersion 1. */
export interface ParquetProtocol {
  minReaderVersion: number;
}

/** Parquet format `metaData`. */
export interface ParquetMetadata {
  id: string;
  name?: string | null;
  description?: string | null;
  format: { provider: string };
  schemaString: string;
  partitionColumns: string[];
  configuration?: Record<string, string>;
  /** Table version this metadata belongs to (historical metaData in streaming answers). */
  version?: number;
  size?: number;
  numFiles?: number;
}

/** Fields every parquet-format file action carries. */
export interface ParquetFileBase {
  /** Pre-signed URL; changes between responses, never use it as a cache key. */
  url: string;
  /** Stable id: the cache key. */
  id: string;
  partitionValues: Record<string, string | null>;
  size: number;
  /** Epoch ms after which `url` stops working. */
  expirationTimestamp?: number;
}

/** A snapshot file. */
export interface ParquetFile extends ParquetFileBase {
  stats?: string;
  version?: number;
  timestamp?: number;
}

/** add / cdf / remove: data-change actions of one commit (startingVersion and /changes). */
export interface ParquetChangeFile extends ParquetFileBase {
  version: number;
  timestamp: number;
  stats?: string;
}

export interface EndStreamAction {
  refreshToken?: string;
  nextPageToken?: string;
  minUrlExpirationTimestamp?: number;
  errorMessage?: string;
  httpStatusErrorCode?: number;
}

/** Delta format `protocol`. */
export interface DeltaProtocolWrapper {
  deltaProtocol: DeltaProtocol;
  version?: number;
}

/** Delta format `metaData`. */
export interface DeltaMetadataWrapper {
  deltaMetadata: DeltaMetadata;
  version?: number;
  size?: number;
  numFiles?: number;
}

/** A Delta add/remove/cdc action whose `path` is the pre-signed URL. */
export interface SharedDeltaFileAction {
  path: string;
  partitionValues: Record<string, string | null>;
  size: number;
  modificationTime?: number;
  dataChange: boolean;
  stats?: string;
  deletionVector?: DeletionVectorDescriptor;
  deletionTimestamp?: number;
}

export type DeltaSingleAction = { add: SharedDeltaFileAction } | { remove: SharedDeltaFileAction } | { cdc: SharedDeltaFileAction };

/** Delta format `file`. */
export interface DeltaFileWrapper {
  id: string;
  deletionVectorFileId?: string;
  version?: number;
  timestamp?: number;
  expirationTimestamp?: number;
  size?: number;
  deltaSingleAction: DeltaSingleAction;
}

/** Any parquet-format line. */
export type ParquetLine =
  | { protocol: ParquetProtocol }
  | { metaData: ParquetMetadata }
  | { file: ParquetFile }
  | { add: ParquetChangeFile }
  | { cdf: ParquetChangeFile }
  | { remove: ParquetChangeFile }
  | { endStreamAction: EndStreamAction };

/** Any delta-format line. */
export type DeltaLine =
  | { protocol: DeltaProtocolWrapper }
  | { metaData: DeltaMetadataWrapper }
  | { file: DeltaFileWrapper }
  | { endStreamAction: EndStreamAction };

export type ResponseLine = ParquetLine | DeltaLine;
