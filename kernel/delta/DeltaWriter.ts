import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { writeCommit } from './commitLog';
import { writeDataFiles, type WrittenFile } from './dataFileWriter';
import { DeltaTable } from './DeltaTable';
import { quoteIdent } from '../../common/sqlQuote';
import { DeltaTableError } from './errors';
import { buildScanSql } from './fileScanSql';
import { readDeletionVector } from './deletionVector';
import { parseSchema, parseType, schemaString, type DataType, type StructField } from './schema';
import { removeAction } from './removeAction';
import type { DeltaFile, DeltaMetadata, DeltaProtocol, DeltaSnapshot } from './types';
import { assertDeletable, assertWritable } from './writeSupport';

export interface DeltaColumn {
  name: string;
  /** A Spark type name (`long`, `decimal(10,2)`, `timestamp`) or a parsed type. */
  type: string | DataType;
  nullable?: boolean;
}

export interface CreateTableOptions {
  /** Spark JSON schema; give this or `columns`. */
  schemaString?: string;
  columns?: DeltaColumn[];
  partitionColumns?: string[];
  enableChangeDataFeed?: boolean;
  name?: string;
  description?: string;
}

export interface CommitOptions {
  /** Shown in the table history (commitInfo.operation). */
  operation?: string;
}

/**
 * Writes commits to a local Delta table: appends, deletes and merges, rewriting whole files
 * (copy-on-write, no deletion vectors) and, with change data feed on, `_change_data` files.
 */
export class DeltaWriter {
  readonly root: string;
  private readonly table: DeltaTable;

  private constructor(root: string) {
    this.root = root;
    this.table = DeltaTable.open(root);
  }

  static async create(root: string, opts: CreateTableOptions): Promise<DeltaWriter> {
    const abs = resolve(root);
    if (existsSync(join(abs, '_delta_log'))) {
      throw new DeltaTableError(abs, 'cannot create: a Delta table already exists here', 'conflict');
    }
    const schemaString = opts.schemaString ?? schemaFromColumns(abs, opts.columns);
    const fields = parseSchema(schemaString).fields;
    for (const p of opts.partitionColumns ?? []) {
      if (!fields.some((f) => f.name === p)) {
        throw new DeltaTableError(abs, `partition column ${p} is not in the schema`, 'bad-request');
      }
    }
    const configuration: Record<string, string> = {};
    if (opts.enableChangeDataFeed) configuration['delta.enableChangeDataFeed'] = 'true';
    const metaData: DeltaMetadata = {
      id: randomUUID(),
      name: opts.name ?? null,
      description: opts.description ?? null,
      format: { provider: 'parquet', options: {} },
      schemaString,
      partitionColumns: opts.partitionColumns ?? [],
      configuration,
      createdTime: Date.now(),
    };
    const protocol = protocolFor(fields, !!opts.enableChangeDataFeed);
    await writeCommit(abs, 0, [commitInfo('CREATE TABLE', true), { protocol }, { metaData }]);
    return new DeltaWriter(abs);
  }

  static async open(root: string): Promise<DeltaWriter> {
    const writer = new DeltaWriter(resolve(root));
    assertWritable(await writer.table.snapshot());
    return writer;
  }

  /** Appends the rows of a DuckDB SELECT as one new commit; returns its version. */
  async appendFromQuery(conn: DuckDBConnection, selectSql: string, opts: CommitOptions = {}): Promise<number> {
    const snapshot = await this.latest();
    const adds = await this.writeData(conn, snapshot, selectSql);
    return this.commit(snapshot, opts.operation ?? 'WRITE', true, adds.map(addAction));
  }

  /**
   * Deletes the rows matching a SQL predicate over the logical columns by rewriting the files that
   * hold them. Returns the new version, or the current one when nothing matched.
   */
  async deleteWhere(conn: DuckDBConnection, predicateSql: string, opts: CommitOptions = {}): Promise<number> {
    const snapshot = await this.latest();
    assertDeletable(snapshot);
    const actions: object[] = [];
    for (const file of snapshot.files) {
      const scan = await this.fileScan(snapshot, file);
      if ((await count(conn, `SELECT count(*) FROM (${scan}) WHERE (${predicateSql})`)) === 0) continue;
      actions.push(removeAction(file));
      const kept = await this.writeData(conn, snapshot, `SELECT * FROM (${scan}) WHERE (${predicateSql}) IS NOT TRUE`);
      actions.push(...kept.map(addAction));
      if (cdfEnabled(snapshot)) {
        actions.push(
          ...(await this.writeChanges(conn, snapshot, `SELECT *, 'delete' AS _change_type FROM (${scan}) WHERE (${predicateSql})`)),
        );
      }
    }
    if (actions.length === 0) return snapshot.version;
    return this.commit(snapshot, opts.operation ?? 'DELETE', false, actions);
  }

  /**
   * Upserts the rows of a DuckDB SELECT by key: existing rows with a matching key are replaced,
   * the rest are inserted. Keys must be unique in the source. Returns the new version.
   */
  async mergeByKey(conn: DuckDBConnection, selectSql: string, keyColumns: string[], opts: CommitOptions = {}): Promise<number> {
    const snapshot = await this.latest();
    assertDeletable(snapshot);
    const source = quoteIdent(`__silt_merge_${randomUUID().replace(/-/g, '')}`);
    await conn.run(`CREATE TEMP TABLE ${source} AS SELECT * FROM (${selectSql})`);
    try {
      const keys = keyColumns.map(quoteIdent);
      const distinct = `count(DISTINCT (${keys.map((k) => `${k}`).join(', ')}))`;
      if ((await count(conn, `SELECT count(*) - ${distinct} FROM ${source}`)) > 0) {
        throw new DeltaTableError(this.root, `merge source has duplicate keys (${keyColumns.join(', ')})`, 'bad-request');
      }
      const matches = `EXISTS (SELECT 1 FROM ${source} AS s WHERE ${keys.map((k) => `s.${k} = t.${k}`).join(' AND ')})`;
      const actions: object[] = [];
      const matchedScans: string[] = [];
      for (const file of snapshot.files) {
        const scan = await this.fileScan(snapshot, file);
        if ((await count(conn, `SELECT count(*) FROM (${scan}) AS t WHERE ${matches}`)) === 0) continue;
        matchedScans.push(scan);
        actions.push(removeAction(file));
        const kept = await this.writeData(conn, snapshot, `SELECT * FROM (${scan}) AS t WHERE NOT ${matches}`);
        actions.push(...kept.map(addAction));
        if (cdfEnabled(snapshot)) {
          const pre = `SELECT t.*, 'update_preimage' AS _change_type FROM (${scan}) AS t WHERE ${matches}`;
          actions.push(...(await this.writeChanges(conn, snapshot, pre)));
        }
      }
      actions.push(...(await this.writeData(conn, snapshot, `SELECT * FROM ${source}`)).map(addAction));
      if (cdfEnabled(snapshot)) {
        const old = matchedScans.length > 0 ? matchedScans.map((s) => `SELECT * FROM (${s})`).join(' UNION ALL ') : undefined;
        const existed = old ? `EXISTS (SELECT 1 FROM (${old}) AS o WHERE ${keys.map((k) => `o.${k} = t.${k}`).join(' AND ')})` : 'false';
        const post = `SELECT t.*, CASE WHEN ${existed} THEN 'update_postimage' ELSE 'insert' END AS _change_type FROM ${source} AS t`;
        actions.push(...(await this.writeChanges(conn, snapshot, post)));
      }
      return await this.commit(snapshot, opts.operation ?? 'MERGE', false, actions);
    } finally {
      await conn.run(`DROP TABLE IF EXISTS ${source}`);
    }
  }

  private async latest(): Promise<DeltaSnapshot> {
    const snapshot = await this.table.snapshot();
    assertWritable(snapshot);
    return snapshot;
  }

  private fields(snapshot: DeltaSnapshot): StructField[] {
    return parseSchema(snapshot.metadata.schemaString).fields;
  }

  private async fileScan(snapshot: DeltaSnapshot, file: DeltaFile): Promise<string> {
    const deletedRows = file.deletionVector ? await readDeletionVector(this.root, file.deletionVector) : undefined;
    return buildScanSql({
      table: this.root,
      metadata: snapshot.metadata,
      files: [{ absolutePath: file.absolutePath, partitionValues: file.partitionValues, deletedRows }],
    });
  }

  private writeData(conn: DuckDBConnection, snapshot: DeltaSnapshot, selectSql: string): Promise<WrittenFile[]> {
    return writeDataFiles(conn, {
      root: this.root,
      folder: '',
      prefix: 'part',
      fields: this.fields(snapshot),
      partitionColumns: snapshot.metadata.partitionColumns,
      selectSql,
      withStats: true,
    });
  }

  private async writeChanges(conn: DuckDBConnection, snapshot: DeltaSnapshot, selectSql: string): Promise<object[]> {
    const files = await writeDataFiles(conn, {
      root: this.root,
      folder: '_change_data',
      prefix: 'cdc',
      fields: this.fields(snapshot),
      partitionColumns: snapshot.metadata.partitionColumns,
      selectSql,
      extraColumns: ['_change_type'],
      withStats: false,
    });
    return files.map((f) => ({ cdc: { path: f.path, partitionValues: f.partitionValues, size: f.size, dataChange: false } }));
  }

  private async commit(snapshot: DeltaSnapshot, operation: string, blindAppend: boolean, actions: object[]): Promise<number> {
    const version = snapshot.version + 1;
    await writeCommit(this.root, version, [commitInfo(operation, blindAppend, snapshot.version), ...actions]);
    return version;
  }
}

function schemaFromColumns(table: string, columns: DeltaColumn[] | undefined): string {
  if (!columns || columns.length === 0) {
    throw new DeltaTableError(table, 'cannot create: give schemaString or columns', 'bad-request');
  }
  return schemaString(
    columns.map((c) => ({
      name: c.name,
      type: typeof c.type === 'string' ? parseType(c.type) : c.type,
      nullable: c.nullable ?? true,
      metadata: {},
    })),
  );
}

/** The oldest protocol that covers what the table uses, so the most readers can open it. */
function protocolFor(fields: StructField[], cdf: boolean): DeltaProtocol {
  const ntz = JSON.stringify(fields.map((f) => f.type)).includes('"timestamp_ntz"');
  if (!ntz) return { minReaderVersion: 1, minWriterVersion: cdf ? 4 : 2 };
  const writerFeatures = ['timestampNtz', 'appendOnly', 'invariants', ...(cdf ? ['changeDataFeed'] : [])];
  return { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['timestampNtz'], writerFeatures };
}

function cdfEnabled(snapshot: DeltaSnapshot): boolean {
  return snapshot.metadata.configuration['delta.enableChangeDataFeed'] === 'true';
}

function commitInfo(operation: string, isBlindAppend: boolean, readVersion?: number): object {
  return {
    commitInfo: {
      timestamp: Date.now(),
      operation,
      operationParameters: {},
      ...(readVersion !== undefined ? { readVersion } : {}),
      isBlindAppend,
      engineInfo: 'Silt',
      txnId: randomUUID(),
    },
  };
}

function addAction(f: WrittenFile): object {
  return {
    add: { path: f.path, partitionValues: f.partitionValues, size: f.size, modificationTime: Date.now(), dataChange: true, stats: f.stats },
  };
}

async function count(conn: DuckDBConnection, sql: string): Promise<number> {
  const reader = await conn.runAndReadAll(sql);
  return Number(reader.getRowsJson()[0][0]);
}
