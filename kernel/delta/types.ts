/**
 * The shapes the Delta Lake reader hands to the rest of the kernel (the Delta Sharing server, the
 * engine, "publish as table"). They mirror the Delta PROTOCOL.md actions so a server can forward
 * them unchanged in the protocol's "delta" response format.
 */

/** The table's protocol action. */
export interface DeltaProtocol {
  minReaderVersion: number;
  minWriterVersion: number;
  readerFeatures?: string[];
  writerFeatures?: string[];
}

/** The table's metaData action, as written in the log. */
export interface DeltaMetadata {
  id: string;
  name?: string | null;
  description?: string | null;
  format: { provider: string; options?: Record<string, string> };
  /** Spark JSON schema, serialised (the log's own string, untouched). */
  schemaString: string;
  partitionColumns: string[];
  configuration: Record<string, string>;
  createdTime?: number | null;
}

/** A deletion vector descriptor as the log stores it. */
export interface DeletionVectorDescriptor {
  /** 'u' = relative path from a UUID, 'p' = absolute path, 'i' = inline Z85. */
  storageType: 'u' | 'p' | 'i';
  pathOrInlineDv: string;
  offset?: number;
  sizeInBytes: number;
  cardinality: number;
}

/** A live data file of a snapshot (an add action after log replay). */
export interface DeltaFile {
  /** The add action's path exactly as the log wrote it (may be relative, absolute or a URI). */
  path: string;
  /** The file on local disk, URI-decoded and resolved against the table root. */
  absolutePath: string;
  partitionValues: Record<string, string | null>;
  size: number;
  modificationTime: number;
  dataChange: boolean;
  /** Per-file statistics, the log's JSON string (numRecords, minValues, maxValues, nullCount). */
  stats?: string | null;
  deletionVector?: DeletionVectorDescriptor | null;
  /** Version of the commit that added this file, when known. */
  version?: number;
  /** Commit timestamp (ms) of the commit that added this file, when known. */
  timestamp?: number;
}

/** A consistent view of a table at one version. */
export interface DeltaSnapshot {
  tableRoot: string;
  version: number;
  /** Commit timestamp (ms) of `version` (commitInfo.timestamp or the file's mtime). */
  timestamp: number;
  protocol: DeltaProtocol;
  metadata: DeltaMetadata;
  files: DeltaFile[];
}

/** One data-changing action of one commit, for change data feed and streaming queries. */
export interface DeltaChangeAction {
  kind: 'add' | 'remove' | 'cdc';
  path: string;
  absolutePath: string;
  partitionValues: Record<string, string | null>;
  size: number;
  version: number;
  /** Commit timestamp (ms). */
  timestamp: number;
  dataChange: boolean;
  stats?: string | null;
  deletionVector?: DeletionVectorDescriptor | null;
}

/** What a commit changed: its actions plus any protocol/metadata it (re)declared. */
export interface DeltaCommitChanges {
  version: number;
  timestamp: number;
  protocol?: DeltaProtocol;
  metadata?: DeltaMetadata;
  actions: DeltaChangeAction[];
}

/** Where to read a snapshot: latest, a version, or the latest version committed at or before a time. */
export interface SnapshotAt {
  version?: number;
  /** Milliseconds since the epoch. */
  timestamp?: number;
}
