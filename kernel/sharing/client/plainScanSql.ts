import { columnMappingMode } from '../../delta/columnMapping';
import { duckdbType } from '../../delta/duckdbType';
import { quoteIdent, quoteLiteral } from '../../../common/sqlQuote';
import { logQuery } from '../../delta/logDb';
import { parseSchema } from '../../delta/schema';
import type { DeltaMetadata } from '../../delta/types';

/**
 * The scan's fast path: with no deletion vectors, no partition columns, no column mapping and every
 * Parquet column already of its logical type, the table's rows are read_parquet's own columns. The
 * general SQL (kernel/delta's buildScanSql) joins every row to a per-file table, which costs a
 * third or more on large scans. Undefined when any condition fails, so the caller falls back.
 */
export async function plainScanSql(metadata: DeltaMetadata, paths: string[], hasDeletions: boolean): Promise<string | undefined> {
  if (hasDeletions || paths.length === 0 || metadata.partitionColumns.length > 0 || columnMappingMode(metadata) !== 'none')
    return undefined;
  const fields = parseSchema(metadata.schemaString).fields;
  if (fields.length === 0) return undefined;
  const source = `read_parquet([${paths.map(quoteLiteral).join(', ')}], union_by_name = true)`;
  const rows = await logQuery(`DESCRIBE SELECT * FROM ${source}`);
  const fileTypes = new Map(rows.map((r) => [String(r[0]), normalise(String(r[1]))]));
  const select: string[] = [];
  for (const f of fields) {
    const logical = duckdbType(f.type);
    const found = fileTypes.get(f.name);
    if (found === undefined) select.push(`CAST(NULL AS ${logical}) AS ${quoteIdent(f.name)}`);
    else if (found === normalise(logical)) select.push(quoteIdent(f.name));
    else return undefined; // needs a conversion: leave it to the general SQL
  }
  return `SELECT ${select.join(', ')} FROM ${source}`;
}

function normalise(t: string): string {
  return t.replace(/"/g, '').replace(/TIMESTAMP WITH TIME ZONE/g, 'TIMESTAMPTZ');
}
