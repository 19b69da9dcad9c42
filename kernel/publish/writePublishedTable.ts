/**
 * Writes a query's rows as a version of a local Delta table: version 0 of a new table (with its
 * data, so the first version readers see is complete), an append, or a replace (one commit that
 * removes every file and adds the new ones, with the new schema when it changed). Publishes that race
 * each other on one table all land, as consecutive versions (see commitWithRetry).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parseSchema, schemaString, typeString, type DeltaSnapshot, type StructField } from '../delta';
import { writeCommit } from '../delta/commitLog';
import { removeAction } from '../delta/removeAction';
import { writeDataFiles, type WrittenFile } from '../delta/dataFileWriter';
import { ExportError } from '../export/ExportError';
import type { PublishMode } from '../protocol/dataExport';
import { commitWithRetry, latestSnapshot } from './commitWithRetry';

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
  if (!existsSync(join(w.root, '_delta_log'))) {
    const created = await createTable(conn, w);
    if (created !== null) return created;
  }
  const snapshot = await latestSnapshot(w.root);
  // A mismatched append is refused before any data is written.
  if (w.mode === 'append') assertSameSchema(w.root, parseSchema(snapshot.metadata.schemaString).fields, w.fields);
  const files = await writeFiles(conn, w.root, w);
  const actions = (s: DeltaSnapshot) => (w.mode === 'replace' ? replaceActions(w, s, files) : appendActions(w, s, files));
  return commitWithRetry({ root: w.root, files, actions }, snapshot);
}

/**
 * Written in a hidden folder and renamed into place, so the server never lists a half-made table. Null
 * when another publish created the table first: this one then commits on top of it.
 */
async function createTable(conn: DuckDBConnection, w: PublishWrite): Promise<number | null> {
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
    try {
      await rename(staging, w.root);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') return null;
      throw e;
    }
    return 0;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Removes every file of the version it follows (the latest, after a lost race) and adds the new ones. */
function replaceActions(w: PublishWrite, snapshot: DeltaSnapshot, files: WrittenFile[]): object[] {
  const actions: object[] = [commitInfo('CREATE OR REPLACE TABLE AS SELECT', snapshot.version)];
  const newSchema = schemaString(w.fields);
  if (newSchema !== snapshot.metadata.schemaString)
    actions.push({ metaData: { ...snapshot.metadata, schemaString: newSchema, partitionColumns: [] } });
  actions.push(...snapshot.files.map(removeAction));
  actions.push(...files.map(addAction));
  return actions;
}

/** Checked against every version it may follow: a replace in between may have changed the columns. */
function appendActions(w: PublishWrite, snapshot: DeltaSnapshot, files: WrittenFile[]): object[] {
  assertSameSchema(w.root, parseSchema(snapshot.metadata.schemaString).fields, w.fields);
  return [commitInfo('WRITE', snapshot.version, true), ...files.map(addAction)];
}

function writeFiles(conn: DuckDBConnection, root: string, w: PublishWrite): Promise<WrittenFile[]> {
  return writeDataFiles(conn, {
    root,
    folder: '',
    prefix: 'part',
    fields: w.fields,
    partitionColumns: [],
    selectSql: w.selectSql,
    withStats: true,
  });
}

/** Append keeps the table's schema: same column names in the same order with the same types. */
function assertSameSchema(root: string, have: StructField[], got: StructField[]): void {
  const show = (fs: StructField[]) => fs.map((f) => `${f.name} ${typeString(f.type)}`).join(', ');
  if (show(have) === show(got)) return;
  throw new ExportError(
    `Cannot append to ${basename(root)}: its columns are (${show(have)}) but this result has (${show(got)}). Publish with "replace" to change the schema, or under another name.`,
    'conflict',
  );
}

function commitInfo(operation: string, readVersion: number, isBlindAppend = false): object {
  return {
    commitInfo: {
      timestamp: Date.now(),
      operation,
      operationParameters: {},
      ...(readVersion >= 0 ? { readVersion } : {}),
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
