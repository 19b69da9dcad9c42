import type { DeletionVectorDescriptor } from '../../delta/types';
import type { ResponseFormat } from './capabilities';
import { protocolError, SharingError } from './SharingError';
import type { EndStreamAction, SharedFile, SharedMetadata, SharedProtocol } from './types';

/**
 * Delta reader features whose tables the client reads correctly. Log-only features never reach a
 * sharing client; type widening and variant are handled by the shared scan SQL (casts to the
 * logical type; variant kept in its Parquet form), so a server that sends them anyway is fine.
 */
const READABLE_FEATURES = new Set([
  'deletionVectors',
  'columnMapping',
  'timestampNtz',
  'typeWidening',
  'typeWidening-preview',
  'variantType',
  'variantType-preview',
  'v2Checkpoint',
  'vacuumProtocolCheck',
]);

export type ResponseLine =
  | { type: 'protocol'; protocol: SharedProtocol }
  | { type: 'metaData'; metadata: SharedMetadata }
  | { type: 'file'; file: SharedFile }
  | { type: 'endStreamAction'; end: EndStreamAction }
  | { type: 'queryStatus'; queryId: string; status: string; message?: string }
  | { type: 'unknown' };

/** One NDJSON line in either format; unknown wrappers and fields are ignored (checklist 18, 53). */
export function parseResponseLine(line: Record<string, unknown>, format: ResponseFormat): ResponseLine {
  if (obj(line.protocol)) return { type: 'protocol', protocol: toProtocol(line.protocol, format) };
  if (obj(line.metaData)) return { type: 'metaData', metadata: toMetadata(line.metaData, format) };
  for (const kind of ['file', 'add', 'cdf', 'remove'] as const) {
    if (obj(line[kind])) return { type: 'file', file: toFile(line[kind], kind, format) };
  }
  if (obj(line.endStreamAction)) return { type: 'endStreamAction', end: line.endStreamAction as EndStreamAction };
  if (obj(line.queryStatus)) {
    const q = line.queryStatus;
    return {
      type: 'queryStatus',
      queryId: String(q.queryId ?? ''),
      status: String(q.status ?? ''),
      message: str(q.errorMessage ?? q.message),
    };
  }
  return { type: 'unknown' };
}

/** Fails for protocols this client cannot read faithfully (checklist 18, 33). */
export function assertReadableProtocol(p: SharedProtocol, format: ResponseFormat, table: string): void {
  const upgrade = `upgrade Silt or ask the provider to share "${table}" without it`;
  if (format === 'parquet') {
    if (p.minReaderVersion > 1) {
      throw new SharingError(
        `"${table}" needs reader version ${p.minReaderVersion} of the parquet response format; ${upgrade}`,
        0,
        'UNSUPPORTED_PROTOCOL',
        false,
      );
    }
    return;
  }
  if (p.minReaderVersion > 3) {
    throw new SharingError(
      `"${table}" needs Delta reader version ${p.minReaderVersion} (Silt reads up to 3); ${upgrade}`,
      0,
      'UNSUPPORTED_PROTOCOL',
      false,
    );
  }
  const missing = (p.readerFeatures ?? []).filter((f) => !READABLE_FEATURES.has(f));
  if (p.minReaderVersion === 3 && missing.length > 0) {
    throw new SharingError(
      `"${table}" uses Delta reader feature(s) ${missing.join(', ')} that Silt cannot read; ${upgrade}`,
      0,
      'UNSUPPORTED_READER_FEATURES',
      false,
    );
  }
}

function toProtocol(raw: Record<string, unknown>, format: ResponseFormat): SharedProtocol {
  const p = format === 'delta' && obj(raw.deltaProtocol) ? raw.deltaProtocol : raw;
  const minReaderVersion = Number(p.minReaderVersion);
  if (!Number.isInteger(minReaderVersion)) throw protocolError('the protocol line has no minReaderVersion');
  return {
    minReaderVersion,
    minWriterVersion: num(p.minWriterVersion),
    readerFeatures: Array.isArray(p.readerFeatures) ? p.readerFeatures.map(String) : undefined,
    version: num(raw.version),
  };
}

function toMetadata(raw: Record<string, unknown>, format: ResponseFormat): SharedMetadata {
  const m = format === 'delta' && obj(raw.deltaMetadata) ? raw.deltaMetadata : raw;
  if (!Array.isArray(m.partitionColumns)) throw protocolError('the metaData line has no partitionColumns (checklist 17)');
  return {
    id: String(m.id ?? ''),
    name: m.name as string | null | undefined,
    description: m.description as string | null | undefined,
    format: (obj(m.format) ? m.format : { provider: 'parquet' }) as SharedMetadata['format'],
    schemaString: str(m.schemaString) ?? '',
    partitionColumns: m.partitionColumns.map(String),
    configuration: (obj(m.configuration) ? m.configuration : {}) as Record<string, string>,
    version: num(raw.version),
    size: num(raw.size),
    numFiles: num(raw.numFiles),
    accessModes: Array.isArray(raw.accessModes) ? raw.accessModes.map(String) : undefined,
  };
}

function toFile(raw: Record<string, unknown>, kind: SharedFile['kind'], format: ResponseFormat): SharedFile {
  if (format === 'delta' && kind === 'file' && obj(raw.deltaSingleAction)) {
    // Checklist 34: in delta format the action's path is the pre-signed URL; ids come from the wrapper.
    const single = raw.deltaSingleAction;
    const inner = (['add', 'remove', 'cdc'] as const).find((k) => obj(single[k]));
    if (!inner) throw protocolError('a delta-format file line has no add, remove or cdc action');
    const a = single[inner] as Record<string, unknown>;
    return {
      kind: inner === 'cdc' ? 'cdf' : inner,
      id: need(raw.id, 'file id'),
      url: need(a.path, 'file path'),
      size: Number(a.size ?? raw.size ?? 0),
      partitionValues: partitionValues(a.partitionValues),
      stats: str(a.stats),
      version: num(raw.version),
      timestamp: num(raw.timestamp),
      expirationTimestamp: num(raw.expirationTimestamp),
      deletionVector: obj(a.deletionVector) ? (a.deletionVector as unknown as DeletionVectorDescriptor) : undefined,
      deletionVectorFileId: str(raw.deletionVectorFileId),
    };
  }
  return {
    kind,
    id: need(raw.id, 'file id'),
    url: need(raw.url, 'file url'),
    size: Number(raw.size ?? 0),
    partitionValues: partitionValues(raw.partitionValues),
    stats: str(raw.stats),
    version: num(raw.version),
    timestamp: num(raw.timestamp),
    expirationTimestamp: num(raw.expirationTimestamp),
  };
}

/** Checklist 17, 38: always a map; "" means null (typed casting happens in the scan SQL). */
function partitionValues(raw: unknown): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (!obj(raw)) return out;
  for (const [k, v] of Object.entries(raw)) out[k] = v === '' || v == null ? null : String(v);
  return out;
}

function obj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function num(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}
function need(v: unknown, what: string): string {
  if (typeof v !== 'string' || !v) throw protocolError(`the server sent a ${what} that is missing or not a string`);
  return v;
}
