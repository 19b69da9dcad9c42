/**
 * Writes a query's rows as a version of a local Delta table: version 0 of a new table (with its
 * data, so the first version readers see is complete), an append, or a replace (one commit that
 * removes every file and adds the new ones, with the new schema when it changed).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DeltaTable, DeltaWriter, parseSchema, schemaString, typeString, type DeltaSnapshot, type StructField } from '../delta';
import { writeCommit } from '../delta/commitLog';
import { writeDataFiles, type WrittenFile } from '../delta/dataFileWriter';
import { ExportError } from '../export/ExportError';
import type { PublishMode } from '../protocol/dataExport';

export interface PublishWrite {
  /** The table folder. */
  root: string;
  fields: StructField[];
  /** A SELECT yielding `fields` (cast by the writer). */
  selectSql: string;
  mode: PublishMode;
}

/** Returns the version written. */
export async function writePublishedTable(conn: DuckDBConnection, w: PublishWrite): Promise<number> {
  if (!existsSync(join(w.root, '_delta_log'))) return createTable(conn, w);
  const snapshot = await DeltaTable.open(w.root).snapshot();
  if (w.mode === 'replace') return replaceTable(conn, w, snapshot);
  assertSameSchema(w.root, parseSchema(snapshot.metadata.schemaString).fields, w.fields);
  return (await DeltaWriter.open(w.root)).appendFromQuery(conn, w.selectSql, { operation: 'WRITE' });
}

/** Written in a hidden folder and renamed into place, so the server never lists a half-made table. */
async function createTable(conn: DuckDBConnection, w: PublishWrite): Promise<number> {
  const staging = join(dirname(w.root), `.staging-${basename(w.root)}-${randomUUID()}`);
  await mkdir(staging, { recursive: true });
  try {
    const files = await writeFiles(conn, staging, w);
    const metaData = {
      id: randomUUID(),
      name: basename(w.root),
      description: 'Published from a Silt notebook',
      format: { provider: 'parquet', options: {} },
      schemaString: schemaString(w.fields),
      partitionColumns: [],
      configuration: {},
      createdTime: Date.now(),
    };
    const protocol = { minReaderVersion: 1, minWriterVersion: 2 };
    await writeCommit(staging, 0, [commitInfo('CREATE TABLE AS SELECT', -1), { protocol }, { metaData }, ...files.map(addAction)]);
    await rename(staging, w.root).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOTEMPTY' || e.code === 'EEXIST') throw new ExportError(`Another publish created ${basename(w.root)} at the same time; publish again.`);
      throw e;
    });
    return 0;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function replaceTable(conn: DuckDBConnection, w: PublishWrite, snapshot: DeltaSnapshot): Promise<number> {
  const files = await writeFiles(conn, w.root, w);
  const actions: object[] = [commitInfo('CREATE OR REPLACE TABLE AS SELECT', snapshot.version)];
  const newSchema = schemaString(w.fields);
  if (newSchema !== snapshot.metadata.schemaString) actions.push({ metaData: { ...snapshot.metadata, schemaString: newSchema, partitionColumns: [] } });
  for (const f of snapshot.files) {
    actions.push({ remove: { path: f.path, deletionTimestamp: Date.now(), dataChange: true, extendedFileMetadata: true, partitionValues: f.partitionValues, size: f.size } });
  }
  actions.push(...files.map(addAction));
  const version = snapshot.version + 1;
  await writeCommit(w.root, version, actions);
  return version;
}

function writeFiles(conn: DuckDBConnection, root: string, w: PublishWrite): Promise<WrittenFile[]> {
  return writeDataFiles(conn, { root, folder: '', prefix: 'part', fields: w.fields, partitionColumns: [], selectSql: w.selectSql, withStats: true });
}

/** Append keeps the table's schema: same column names in the same order with the same types. */
function assertSameSchema(root: string, have: StructField[], got: StructField[]): void {
  const show = (fs: StructField[]) => fs.map((f) => `${f.name} ${typeString(f.type)}`).join(', ');
  if (show(have) === show(got)) return;
  throw new ExportError(
    `Cannot append to ${basename(root)}: its columns are (${show(have)}) but this result has (${show(got)}). Publish with "replace" to change the schema, or under another name.`,
  );
}

function commitInfo(operation: string, readVersion: number): object {
  return {
    commitInfo: {
      timestamp: Date.now(),
      operation,
      operationParameters: {},
      ...(readVersion >= 0 ? { readVersion } : {}),
      isBlindAppend: false,
      engineInfo: 'Silt',
      txnId: randomUUID(),
    },
  };
}

function addAction(f: WrittenFile): object {
  return { add: { path: f.path, partitionValues: f.partitionValues, size: f.size, modificationTime: Date.now(), dataChange: true, stats: f.stats } };
}
