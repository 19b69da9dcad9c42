import { createHash } from 'node:crypto';
import type { DeletionVectorDescriptor, DeltaChangeAction, DeltaFile, DeltaMetadata, DeltaProtocol } from '../../delta';
import { dvFilePath } from '../../delta/deletionVector';
import type { ResponseFormat } from '../capabilities';
import type { DeltaFileWrapper, ParquetChangeFile, ResponseLine, SharedDeltaFileAction } from '../actions';
import type { UrlSigner } from './UrlSigner';

/** Builds the response lines for one table in one format, signing every URL it hands out. */
export class FileActions {
  /** The earliest expiry among the URLs issued so far (for endStreamAction). */
  minExpiration: number | undefined;

  constructor(
    private readonly format: ResponseFormat,
    private readonly tableId: string,
    private readonly tableRoot: string,
    private readonly signer: UrlSigner,
  ) {}

  protocol(protocol: DeltaProtocol, version?: number): ResponseLine {
    if (this.format === 'parquet') return { protocol: { minReaderVersion: 1 } };
    return { protocol: withVersion({ deltaProtocol: protocol }, version) };
  }

  metadata(metadata: DeltaMetadata, extra: { version?: number; size?: number; numFiles?: number } = {}): ResponseLine {
    const defined = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
    if (this.format === 'delta') return { metaData: { deltaMetadata: metadata, ...defined } };
    const { id, name, description, schemaString, partitionColumns, configuration } = metadata;
    return {
      metaData: {
        id,
        name,
        description,
        format: { provider: metadata.format.provider },
        schemaString,
        partitionColumns,
        configuration,
        ...defined,
      },
    };
  }

  /** A live file of a snapshot. */
  snapshotFile(f: DeltaFile): ResponseLine {
    const { url, expirationTimestamp } = this.sign(f.absolutePath);
    const id = this.fileId(f.path);
    if (this.format === 'parquet') {
      return {
        file: {
          url,
          id,
          partitionValues: f.partitionValues,
          size: f.size,
          ...stats(f.stats),
          ...optional({ version: f.version, timestamp: f.timestamp }),
          expirationTimestamp,
        },
      };
    }
    const add: SharedDeltaFileAction = {
      path: url,
      partitionValues: f.partitionValues,
      size: f.size,
      modificationTime: f.modificationTime,
      dataChange: f.dataChange,
      ...stats(f.stats),
    };
    return {
      file: this.deltaWrapper(id, { add }, add, f.deletionVector, {
        version: f.version,
        timestamp: f.timestamp,
        expirationTimestamp,
        size: f.size,
      }),
    };
  }

  /** A data change of one commit: add/remove/cdf in parquet format, a file wrapper in delta format. */
  changeFile(a: DeltaChangeAction): ResponseLine {
    const { url, expirationTimestamp } = this.sign(a.absolutePath);
    const id = this.fileId(a.path);
    if (this.format === 'parquet') {
      const base: ParquetChangeFile = {
        url,
        id,
        partitionValues: a.partitionValues,
        size: a.size,
        version: a.version,
        timestamp: a.timestamp,
        expirationTimestamp,
      };
      if (a.kind === 'add') return { add: { ...base, ...stats(a.stats) } };
      return a.kind === 'remove' ? { remove: base } : { cdf: base };
    }
    const action: SharedDeltaFileAction = { path: url, partitionValues: a.partitionValues, size: a.size, dataChange: a.dataChange };
    if (a.kind === 'add') Object.assign(action, { modificationTime: a.timestamp }, stats(a.stats));
    if (a.kind === 'remove') action.deletionTimestamp = a.timestamp;
    const single = a.kind === 'add' ? { add: action } : a.kind === 'remove' ? { remove: action } : { cdc: action };
    return {
      file: this.deltaWrapper(id, single, action, a.deletionVector, {
        version: a.version,
        timestamp: a.timestamp,
        expirationTimestamp,
        size: a.size,
      }),
    };
  }

  /** Stable across responses and restarts: the client's cache key. */
  fileId(path: string): string {
    return createHash('sha256').update(`${this.tableId}\n${path}`).digest('hex').slice(0, 32);
  }

  private deltaWrapper(
    id: string,
    single: DeltaFileWrapper['deltaSingleAction'],
    action: SharedDeltaFileAction,
    dv: DeletionVectorDescriptor | null | undefined,
    extra: { version?: number; timestamp?: number; expirationTimestamp: number; size: number },
  ): DeltaFileWrapper {
    const wrapper: DeltaFileWrapper = { id, ...optional(extra), deltaSingleAction: single };
    if (dv) {
      const shared = this.shareDeletionVector(dv);
      action.deletionVector = shared.descriptor;
      if (shared.fileId) wrapper.deletionVectorFileId = shared.fileId;
    }
    return wrapper;
  }

  /** On-disk DVs become pre-signed URLs with storageType "p"; inline ones travel as they are. */
  private shareDeletionVector(dv: DeletionVectorDescriptor): { descriptor: DeletionVectorDescriptor; fileId?: string } {
    if (dv.storageType === 'i') return { descriptor: dv };
    const file = dvFilePath(this.tableRoot, dv);
    const { url } = this.sign(file);
    return { descriptor: { ...dv, storageType: 'p', pathOrInlineDv: url }, fileId: this.fileId(`${dv.storageType}:${dv.pathOrInlineDv}`) };
  }

  private sign(absolutePath: string): { url: string; expirationTimestamp: number } {
    const signed = this.signer.sign(absolutePath);
    if (this.minExpiration === undefined || signed.expirationTimestamp < this.minExpiration)
      this.minExpiration = signed.expirationTimestamp;
    return signed;
  }
}

function stats(s: string | null | undefined): { stats?: string } {
  return s ? { stats: s } : {};
}

function optional<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

function withVersion<T extends object>(o: T, version: number | undefined): T & { version?: number } {
  return version === undefined ? o : { ...o, version };
}
