/**
 * Whether a live table's local copy survives a schema change. Columns added at the end of the schema
 * are compatible (existing rows get NULL, as Delta readers show them); anything else (a column
 * dropped, renamed or retyped, other partition columns, column mapping switched) needs a full reload.
 */
import { duckdbType, parseSchema } from '../../delta';
import type { SharedMetadata } from '../../sharing/client/types';

export type SchemaChange =
  { kind: 'same' } | { kind: 'added'; columns: { name: string; sqlType: string }[] } | { kind: 'incompatible'; reason: string };

export function schemaChange(before: SharedMetadata, after: SharedMetadata): SchemaChange {
  const mapping = (m: SharedMetadata) => m.configuration['delta.columnMapping.mode'] ?? 'none';
  if (mapping(before) !== mapping(after)) return { kind: 'incompatible', reason: 'its column mapping changed' };
  if (!sameList(before.partitionColumns, after.partitionColumns)) return { kind: 'incompatible', reason: 'its partition columns changed' };
  if (before.schemaString === after.schemaString) return { kind: 'same' };
  const old = parseSchema(before.schemaString).fields;
  const now = parseSchema(after.schemaString).fields;
  for (const f of old) {
    const g = now.find((x) => x.name === f.name);
    if (!g) return { kind: 'incompatible', reason: `column ${f.name} was dropped or renamed` };
    if (JSON.stringify(g.type) !== JSON.stringify(f.type)) return { kind: 'incompatible', reason: `column ${f.name} changed type` };
  }
  const added = now.filter((g) => !old.some((f) => f.name === g.name));
  return added.length === 0
    ? { kind: 'same' }
    : { kind: 'added', columns: added.map((g) => ({ name: g.name, sqlType: duckdbType(g.type) })) };
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
