import { dvUniqueId, toMetadata, toProtocol, type RawAction, type RawFileAction } from './actions';
import { resolveLogPath } from './paths';
import type { DeltaFile, DeltaMetadata, DeltaProtocol } from './types';

/** A group of actions from one log file, in the order replay must see them. */
export interface ReplayBatch {
  /** Set for single-commit batches, so files know which commit added them. */
  version?: number;
  timestamp?: number;
  actions: RawAction[];
}

export interface ReplayResult {
  protocol?: DeltaProtocol;
  metadata?: DeltaMetadata;
  files: DeltaFile[];
}

/**
 * Reverse log replay per PROTOCOL.md: batches newest first, and inside a batch the first occurrence
 * of a file key (resolved path + deletion vector id) decides whether it is live (add) or dead (remove).
 */
export function replay(tableRoot: string, batches: ReplayBatch[]): ReplayResult {
  const seen = new Set<string>();
  const files: DeltaFile[] = [];
  let protocol: DeltaProtocol | undefined;
  let metadata: DeltaMetadata | undefined;
  for (const batch of batches) {
    for (const action of batch.actions) {
      if (action.protocol && !protocol) protocol = toProtocol(action.protocol);
      else if (action.metaData && !metadata) metadata = toMetadata(action.metaData);
      else if (action.add || action.remove) {
        const raw = (action.add ?? action.remove)!;
        const key = fileKey(tableRoot, raw);
        if (seen.has(key)) continue;
        seen.add(key);
        if (action.add) files.push(toDeltaFile(tableRoot, raw, batch));
      }
    }
  }
  return { protocol, metadata, files };
}

/** Relative, absolute and `file:` spellings of one file resolve to the same key. */
function fileKey(tableRoot: string, raw: RawFileAction): string {
  return `${resolveLogPath(tableRoot, raw.path)}\u0000${dvUniqueId(raw.deletionVector)}`;
}

export function toDeltaFile(tableRoot: string, raw: RawFileAction, batch: ReplayBatch): DeltaFile {
  const file: DeltaFile = {
    path: raw.path,
    absolutePath: resolveLogPath(tableRoot, raw.path),
    partitionValues: raw.partitionValues ?? {},
    size: Number(raw.size ?? 0),
    modificationTime: Number(raw.modificationTime ?? 0),
    dataChange: raw.dataChange ?? true,
    stats: raw.stats ?? statsFromParsed(raw),
    deletionVector: raw.deletionVector ?? null,
  };
  if (batch.version !== undefined) file.version = batch.version;
  if (batch.timestamp !== undefined) file.timestamp = batch.timestamp;
  return file;
}

/** Checkpoints may keep only `stats_parsed` (a struct); consumers expect the JSON string form. */
function statsFromParsed(raw: RawFileAction): string | null {
  const parsed = (raw as unknown as { stats_parsed?: unknown }).stats_parsed;
  return parsed ? JSON.stringify(parsed) : null;
}
