import { randomUUID } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdbType } from './duckdbType';
import { quoteIdent, quoteLiteral } from '../../common/sqlQuote';
import { fileStats } from './fileStats';
import type { DataType, StructField } from './schema';

/** A Parquet file just written under the table root, described the way add/cdc actions need it. */
export interface WrittenFile {
  /** Relative to the table root and URI-encoded, as the log stores paths. */
  path: string;
  partitionValues: Record<string, string | null>;
  size: number;
  stats?: string;
}

export interface WriteSpec {
  root: string;
  /** '' for data files, '_change_data' for change data files. */
  folder: string;
  prefix: 'part' | 'cdc';
  /** The table's logical columns; partition columns go to folder names, the rest into the file. */
  fields: StructField[];
  partitionColumns: string[];
  /** A SELECT yielding the table's columns (cast here) plus any `extraColumns`. */
  selectSql: string;
  extraColumns?: string[];
  withStats: boolean;
}

/** Writes the query result as Parquet files, one per partition value combination, through DuckDB. */
export async function writeDataFiles(conn: DuckDBConnection, spec: WriteSpec): Promise<WrittenFile[]> {
  // Materialised once so a non-deterministic query yields the same rows for every partition.
  const staging = quoteIdent(`__silt_stage_${randomUUID().replace(/-/g, '')}`);
  const casts = spec.fields.map((f) => `CAST(${quoteIdent(f.name)} AS ${duckdbType(f.type)}) AS ${quoteIdent(f.name)}`);
  const extras = (spec.extraColumns ?? []).map(quoteIdent);
  await conn.run(`CREATE TEMP TABLE ${staging} AS SELECT ${[...casts, ...extras].join(', ')} FROM (${spec.selectSql})`);
  try {
    const partFields = spec.partitionColumns.map((name) => spec.fields.find((f) => f.name === name)!);
    const fileFields = spec.fields.filter((f) => !spec.partitionColumns.includes(f.name));
    const dataCols = [...fileFields.map((f) => quoteIdent(f.name)), ...extras];
    const formatted = partFields.map((f) => partitionStringSql(quoteIdent(f.name), f.type));
    const combos = await conn.runAndReadAll(`SELECT DISTINCT ${formatted.length > 0 ? formatted.join(', ') : '1'} FROM ${staging}`);
    const out: WrittenFile[] = [];
    for (const combo of combos.getRowsJson() as (string | null)[][]) {
      const values = partFields.map((_, i) => combo[i]);
      const where = formatted.map((expr, i) => `${expr} IS NOT DISTINCT FROM ${values[i] === null ? 'NULL' : quoteLiteral(values[i]!)}`);
      const dirs = partFields.map((f, i) => `${escapePathName(f.name)}=${escapePathName(values[i] ?? '__HIVE_DEFAULT_PARTITION__')}`);
      const name = `${spec.prefix}-00000-${randomUUID()}.c000.snappy.parquet`;
      const relative = [spec.folder, ...dirs, name].filter((s) => s !== '').join('/');
      const absolute = join(spec.root, relative);
      await mkdir(dirname(absolute), { recursive: true });
      const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
      const query = `SELECT ${dataCols.join(', ')} FROM ${staging}${filter}`;
      await conn.run(`COPY (${query}) TO ${quoteLiteral(absolute)} (FORMAT parquet, COMPRESSION snappy)`);
      const file: WrittenFile = {
        path: relative.split('/').map(encodeSegment).join('/'),
        partitionValues: Object.fromEntries(partFields.map((f, i) => [f.name, values[i]])),
        size: (await stat(absolute)).size,
      };
      if (spec.withStats) {
        file.stats = await fileStats(conn, absolute, fileFields);
      }
      out.push(file);
    }
    return out;
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${staging}`);
  }
}

/** The partition value string Delta stores for a value of the column's type. */
function partitionStringSql(col: string, t: DataType): string {
  if (t.type === 'primitive') {
    switch (t.name) {
      case 'date':
        return `strftime(${col}, '%Y-%m-%d')`;
      case 'timestamp':
        // Zoned ISO 8601, so no reader has to guess the writer's session zone.
        return `strftime(timezone('UTC', ${col}), '%Y-%m-%dT%H:%M:%S.%fZ')`;
      case 'timestamp_ntz':
        return `strftime(${col}, '%Y-%m-%d %H:%M:%S.%f')`;
      case 'binary':
        return `decode(${col})`;
    }
  }
  return `CAST(${col} AS VARCHAR)`;
}

/** Hive-style escaping of folder names, as Spark does it, so any value is a safe single segment. */
function escapePathName(s: string): string {
  return s.replace(/[\u0000-\u001f"#%'*/:=?\\\u007f{[\]^]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%3D/g, '=');
}
