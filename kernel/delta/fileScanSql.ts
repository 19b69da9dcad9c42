import { existsSync } from 'node:fs';
import { columnMappingMode, physicalName, type ColumnMappingMode } from './columnMapping';
import { duckdbType } from './duckdbType';
import { quoteIdent, quoteLiteral } from '../../common/sqlQuote';
import { DeltaTableError } from './errors';
import { logQuery } from './logDb';
import { partitionValueSql } from './partitionValues';
import { parseSchema, type DataType, type StructField } from './schema';
import type { DeltaMetadata } from './types';
import { containsVariant, UnreadableVariant, variantSql } from './variantSql';

/** One Parquet file to read, with what log replay knows about it. */
export interface ScanFile {
  absolutePath: string;
  partitionValues: Record<string, string | null>;
  /** Row indexes to drop (a deletion vector). */
  deletedRows?: ArrayLike<number>;
  /** When set, only these row indexes are read (change data of a deletion-vector update). */
  onlyRows?: ArrayLike<number>;
  /** Per-file constants keyed by extra output column name, as SQL expressions. */
  constants?: Record<string, string>;
}

export interface ScanSpec {
  table: string;
  metadata: DeltaMetadata;
  files: ScanFile[];
  /** Logical columns to return, in this order; all when absent. */
  columns?: string[];
  /** Columns after the table's own; a file's own column of that name wins over the file constant. */
  extraColumns?: { name: string; sqlType: string }[];
  /** Zone of zone-less timestamp partition values. */
  partitionTimeZone?: string;
}

/** One SELECT that reads the files with the logical schema (see snapshotScanSql for the rules). */
export async function buildScanSql(spec: ScanSpec): Promise<string> {
  const { table, metadata } = spec;
  if (!metadata.schemaString) throw new DeltaTableError(table, 'metaData has no schemaString, so its data cannot be read');
  const mode = columnMappingMode(metadata);
  const fields = selectFields(table, parseSchema(metadata.schemaString).fields, spec.columns);
  const extras = spec.extraColumns ?? [];
  if (spec.files.length === 0) {
    const cols = [
      ...fields.map((f) => `CAST(NULL AS ${duckdbType(f.type)}) AS ${quoteIdent(f.name)}`),
      ...extras.map((e) => `CAST(NULL AS ${e.sqlType}) AS ${quoteIdent(e.name)}`),
    ];
    return `SELECT ${cols.join(', ')} WHERE false`;
  }
  const missing = spec.files.filter((f) => !existsSync(f.absolutePath));
  if (missing.length > 0) {
    throw new DeltaTableError(table, `${missing.length} data file(s) missing (vacuumed?), e.g. ${missing[0].absolutePath}`);
  }
  const fileList = `[${spec.files.map((f) => quoteLiteral(f.absolutePath)).join(', ')}]`;
  const source = `read_parquet(${fileList}, union_by_name = true)`;
  const physical = await physicalColumns(source);
  const partitionCols = new Set(metadata.partitionColumns);

  const fileCols: string[] = [];
  const fileRows = spec.files.map((_, i) => [String(i), 'false']);
  const select: string[] = [];
  for (const field of fields) {
    const phys = physicalName(field, mode);
    if (partitionCols.has(field.name)) {
      const col = `__p${fileCols.length}`;
      fileCols.push(col);
      spec.files.forEach((f, i) => {
        const raw = phys in f.partitionValues ? f.partitionValues[phys] : f.partitionValues[field.name];
        fileRows[i].push(partitionValueSql(raw, field.type, spec.partitionTimeZone));
      });
      select.push(`__f.${col} AS ${quoteIdent(field.name)}`);
    } else if (physical.has(phys)) {
      let expr: string;
      try {
        expr = convert(`__d.${quoteIdent(phys)}`, field.type, physical.get(phys)!, mode, 0);
      } catch (e) {
        if (e instanceof UnreadableVariant) throw new DeltaTableError(table, `column ${field.name}: ${e.message}`, 'unsupported');
        throw e;
      }
      select.push(`${expr} AS ${quoteIdent(field.name)}`);
    } else {
      select.push(`CAST(NULL AS ${duckdbType(field.type)}) AS ${quoteIdent(field.name)}`);
    }
  }
  for (const extra of extras) {
    const col = `__c${fileCols.length}`;
    fileCols.push(col);
    spec.files.forEach((f, i) => fileRows[i].push(f.constants?.[extra.name] ?? 'NULL'));
    const constant = `CAST(__f.${col} AS ${extra.sqlType})`;
    const own = physical.has(extra.name) ? `CAST(__d.${quoteIdent(extra.name)} AS ${extra.sqlType})` : undefined;
    select.push(`${own ? `coalesce(${own}, ${constant})` : constant} AS ${quoteIdent(extra.name)}`);
  }

  const deleted: string[] = [];
  const only: string[] = [];
  spec.files.forEach((f, i) => {
    if (f.deletedRows && f.deletedRows.length > 0) deleted.push(`(${i}, ${rowList(f.deletedRows)})`);
    if (f.onlyRows) {
      fileRows[i][1] = 'true';
      if (f.onlyRows.length > 0) only.push(`(${i}, ${rowList(f.onlyRows)})`);
    }
  });
  const ctes = [
    `__files(__fi, __only${fileCols.map((c) => `, ${c}`).join('')}) AS (VALUES ${fileRows.map((r) => `(${r.join(', ')})`).join(', ')})`,
    rowSetCte('__deleted', deleted),
    rowSetCte('__kept', only),
  ];
  return [
    `WITH ${ctes.join(',\n')}`,
    `SELECT ${select.length > 0 ? select.join(', ') : '1 AS __row_exists'}`,
    `FROM ${source} AS __d JOIN __files AS __f ON __f.__fi = __d.file_index`,
    `WHERE NOT EXISTS (SELECT 1 FROM __deleted AS x WHERE x.__fi = __d.file_index AND x.__row = __d.file_row_number)`,
    `  AND (NOT __f.__only OR EXISTS (SELECT 1 FROM __kept AS k WHERE k.__fi = __d.file_index AND k.__row = __d.file_row_number))`,
  ].join('\n');
}

function selectFields(table: string, fields: StructField[], columns?: string[]): StructField[] {
  if (!columns) return fields;
  return columns.map((name) => {
    const f = fields.find((x) => x.name === name);
    if (!f) throw new DeltaTableError(table, `no column named "${name}"`);
    return f;
  });
}

async function physicalColumns(source: string): Promise<Map<string, string>> {
  const rows = await logQuery(`DESCRIBE SELECT * FROM ${source}`);
  return new Map(rows.map((r) => [String(r[0]), String(r[1])]));
}

// Row lists ride in the SQL text as typed list literals: no temp tables, so the SQL runs on any connection.
function rowList(rows: ArrayLike<number>): string {
  return `[${Array.from(rows).join(',')}]::UBIGINT[]`;
}

function rowSetCte(name: string, entries: string[]): string {
  if (entries.length === 0) return `${name}(__fi, __row) AS (SELECT 0, 0::UBIGINT WHERE false)`;
  return `${name}(__fi, __row) AS (SELECT f, unnest(r) FROM (VALUES ${entries.join(', ')}) AS t(f, r))`;
}

function normaliseType(t: string): string {
  return t.replace(/"/g, '').replace(/TIMESTAMP WITH TIME ZONE/g, 'TIMESTAMPTZ');
}

function containsType(t: DataType, pred: (t: DataType) => boolean): boolean {
  if (pred(t)) return true;
  if (t.type === 'array') return containsType(t.elementType, pred);
  if (t.type === 'map') return containsType(t.keyType, pred) || containsType(t.valueType, pred);
  if (t.type === 'struct') return t.fields.some((f) => containsType(f.type, pred));
  return false;
}

/** A physical column expression turned into the logical type: nested renames, widening casts. */
function convert(expr: string, t: DataType, sourceType: string, mode: ColumnMappingMode, depth: number): string {
  if (normaliseType(duckdbType(t)) === normaliseType(sourceType)) return expr;
  // Variants in their unannotated Parquet form (a metadata/value struct) become DuckDB VARIANTs.
  if (containsVariant(t)) return variantSql(expr, t, sourceType, mode);
  if (t.type === 'primitive' && t.name === 'timestamp' && normaliseType(sourceType) === 'TIMESTAMP') {
    // INT96 and non-UTC-adjusted Parquet timestamps hold UTC wall clock: read them as instants.
    return `timezone('UTC', ${expr})`;
  }
  if (mode !== 'none' && containsType(t, (x) => x.type === 'struct')) {
    // Casting by physical names first widens types and fills nested fields a file lacks with NULL.
    const physicalType = duckdbType(t, (f) => physicalName(f, mode));
    return rename(`CAST(${expr} AS ${physicalType})`, t, mode, depth);
  }
  return `CAST(${expr} AS ${duckdbType(t)})`;
}

/** Rebuilds nested values so struct fields carry logical names instead of physical ones. */
function rename(expr: string, t: DataType, mode: ColumnMappingMode, depth: number): string {
  const v = `__x${depth}`;
  switch (t.type) {
    case 'struct': {
      const parts = t.fields.map(
        (f) =>
          `${quoteIdent(f.name)} := ${rename(`struct_extract(${expr}, ${quoteLiteral(physicalName(f, mode))})`, f.type, mode, depth + 1)}`,
      );
      return `CASE WHEN ${expr} IS NULL THEN NULL ELSE struct_pack(${parts.join(', ')}) END`;
    }
    case 'array':
      return `list_transform(${expr}, lambda ${v}: ${rename(v, t.elementType, mode, depth + 1)})`;
    case 'map': {
      const key = rename(`${v}.key`, t.keyType, mode, depth + 1);
      const value = rename(`${v}.value`, t.valueType, mode, depth + 1);
      const entries = `list_transform(map_entries(${expr}), lambda ${v}: struct_pack(key := ${key}, value := ${value}))`;
      return `CASE WHEN ${expr} IS NULL THEN NULL ELSE map_from_entries(${entries}) END`;
    }
    default:
      return `CAST(${expr} AS ${duckdbType(t)})`;
  }
}
