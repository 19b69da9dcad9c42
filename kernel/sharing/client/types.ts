import type { DeletionVectorDescriptor, DeltaMetadata } from '../../delta/types';
import type { ResponseFormat } from './capabilities';

/** A table named the protocol's way. */
export interface TableRef {
  share: string;
  schema: string;
  table: string;
}

export interface Share {
  name: string;
  id?: string;
  displayName?: string;
  comment?: string;
  properties?: Record<string, string>;
}
export interface Schema {
  name: string;
  share: string;
}
export interface Table {
  name: string;
  schema: string;
  share: string;
  shareId?: string;
  id?: string;
  location?: string;
  accessModes?: string[];
}

/** The protocol action in either format (delta: the Delta protocol; parquet: minReaderVersion only). */
export interface SharedProtocol {
  minReaderVersion: number;
  minWriterVersion?: number;
  readerFeatures?: string[];
  version?: number;
}

/** metaData in either format, flattened to the Delta metadata fields plus sharing's extras. */
export interface SharedMetadata extends DeltaMetadata {
  /** Set on historical metaData of startingVersion queries and CDF. */
  version?: number;
  size?: number;
  numFiles?: number;
  accessModes?: string[];
}

/** `file` (snapshot), `add`/`remove` (data change) or `cdf`, in either format. */
export interface SharedFile {
  kind: 'file' | 'add' | 'remove' | 'cdf';
  /** Stable cache key (checklist 46): never key anything by url. */
  id: string;
  /** Pre-signed URL; may differ in each response. */
  url: string;
  size: number;
  partitionValues: Record<string, string | null>;
  /** Optional JSON string; never required or parsed for correctness (checklist 42). */
  stats?: string;
  version?: number;
  /** Commit timestamp (ms). */
  timestamp?: number;
  /** When `url` stops working (ms). */
  expirationTimestamp?: number;
  /** Delta format only: the file's deletion vector ('p' = a pre-signed URL in pathOrInlineDv). */
  deletionVector?: DeletionVectorDescriptor;
  deletionVectorFileId?: string;
}

export type { EndStreamAction } from '../actions';

/** The answer to /query or /changes, all pages merged. */
export interface QueryResult {
  /** Delta-Table-Version of the first page (checklist 28). */
  version: number;
  format: ResponseFormat;
  protocol: SharedProtocol;
  metadata: SharedMetadata;
  /** metaData lines after the first (startingVersion queries and CDF). */
  historicalMetadata: SharedMetadata[];
  files: SharedFile[];
  refreshToken?: string;
  /** Earliest URL expiry the server announced (ms), if any. */
  minUrlExpirationTimestamp?: number;
}
