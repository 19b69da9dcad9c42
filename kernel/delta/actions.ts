import type { DeletionVectorDescriptor, DeltaMetadata, DeltaProtocol } from './types';

/** One line of a commit file or one row of a checkpoint, before interpretation. */
export interface RawAction {
  add?: RawFileAction;
  remove?: RawFileAction;
  cdc?: RawFileAction;
  metaData?: Record<string, unknown>;
  protocol?: Record<string, unknown>;
  commitInfo?: Record<string, unknown>;
  sidecar?: { path: string };
  [other: string]: unknown;
}

export interface RawFileAction {
  path: string;
  partitionValues?: Record<string, string | null> | null;
  size?: number;
  modificationTime?: number;
  dataChange?: boolean;
  stats?: string | null;
  deletionVector?: DeletionVectorDescriptor | null;
}

/** A line of a log file that is not a JSON object; `line` counts from 1. */
export class BadActionLine extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
  }
}

/**
 * Parses newline-delimited JSON actions; blank lines are tolerated because some writers emit them.
 * A line that is not a JSON object throws BadActionLine with its number (never its text).
 */
export function parseActionLines(text: string): RawAction[] {
  const out: RawAction[] = [];
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new BadActionLine(i + 1, 'not valid JSON');
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new BadActionLine(i + 1, 'not a JSON object');
    }
    out.push(value as RawAction);
  }
  return out;
}

/** Checkpoint rows arrive with every action column present and null; keep only the real action. */
export function dropNulls(row: Record<string, unknown>): RawAction {
  const out: RawAction = {};
  for (const [k, v] of Object.entries(row)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

export function toProtocol(raw: Record<string, unknown>): DeltaProtocol {
  const p: DeltaProtocol = {
    minReaderVersion: Number(raw.minReaderVersion),
    minWriterVersion: Number(raw.minWriterVersion),
  };
  if (Array.isArray(raw.readerFeatures)) p.readerFeatures = raw.readerFeatures as string[];
  if (Array.isArray(raw.writerFeatures)) p.writerFeatures = raw.writerFeatures as string[];
  return p;
}

export function toMetadata(raw: Record<string, unknown>): DeltaMetadata {
  const format = (raw.format ?? { provider: 'parquet' }) as DeltaMetadata['format'];
  return {
    id: String(raw.id),
    name: (raw.name as string | null | undefined) ?? null,
    description: (raw.description as string | null | undefined) ?? null,
    format: { provider: format.provider, options: format.options ?? {} },
    // Hand-written test logs omit the schema; readers of the data fail later with a clear error.
    schemaString: (raw.schemaString as string | undefined) ?? '',
    partitionColumns: (raw.partitionColumns as string[] | undefined) ?? [],
    configuration: (raw.configuration as Record<string, string> | undefined) ?? {},
    createdTime: (raw.createdTime as number | null | undefined) ?? null,
  };
}

/** The deletion vector's identity as PROTOCOL.md defines it: storage type, path or data, offset. */
export function dvUniqueId(dv: DeletionVectorDescriptor | null | undefined): string {
  if (!dv) return '';
  const offset = dv.offset === undefined || dv.offset === null ? '' : `@${dv.offset}`;
  return `${dv.storageType}${dv.pathOrInlineDv}${offset}`;
}

/** When the commit happened: in-commit timestamps win over the writer's wall clock. */
export function commitTimestampOf(actions: RawAction[]): number | undefined {
  for (const a of actions) {
    if (a.commitInfo) {
      const ict = a.commitInfo.inCommitTimestamp;
      const ts = ict ?? a.commitInfo.timestamp;
      if (typeof ts === 'number') return ts;
    }
  }
  return undefined;
}
