import type { DeltaFile, DeltaMetadata } from '../../delta';
import { fileFacts } from '../fileFacts';
import { parsePredicate, type PredicateNode } from '../predicate';
import { fileMayMatch } from '../predicateEval';

/**
 * The files of a snapshot a query answers with, in a stable order (by path, so page offsets mean
 * the same thing on every request): predicate pruning first, then `limitHint`, as the spec orders
 * them. Both are best effort; the client re-applies its filter and limit.
 */
export function selectFiles(files: DeltaFile[], metadata: DeltaMetadata, jsonPredicateHints?: string, limitHint?: number): DeltaFile[] {
  let out = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const predicate = readPredicate(jsonPredicateHints);
  if (predicate) {
    const physical = physicalNames(metadata);
    out = out.filter((f) => fileMayMatch(predicate, fileFacts(f.partitionValues, f.stats, physical)));
  }
  if (limitHint !== undefined) out = applyLimit(out, limitHint);
  return out;
}

/** The spec says to skip filtering on any problem with the hint, never to fail the query. */
function readPredicate(json: string | undefined): PredicateNode | undefined {
  if (!json) return undefined;
  try {
    return parsePredicate(json);
  } catch {
    return undefined;
  }
}

/**
 * Keeps files until their known row counts (numRecords minus deleted rows) reach the limit. A file
 * without a row count contributes nothing, so more files are returned rather than too few.
 */
function applyLimit(files: DeltaFile[], limit: number): DeltaFile[] {
  const out: DeltaFile[] = [];
  let rows = 0;
  for (const f of files) {
    if (rows >= limit) break;
    out.push(f);
    rows += rowCount(f);
  }
  return out;
}

function rowCount(f: DeltaFile): number {
  try {
    const n = (JSON.parse(f.stats ?? '{}') as { numRecords?: unknown }).numRecords;
    return typeof n === 'number' ? n - (f.deletionVector?.cardinality ?? 0) : 0;
  } catch {
    return 0;
  }
}

interface SchemaField {
  name: string;
  type: unknown;
  metadata?: Record<string, unknown>;
}

/**
 * Logical → physical column names (dotted for nested fields). Under column mapping, partition
 * values and stats are keyed by physical names while predicates use logical ones.
 */
function physicalNames(metadata: DeltaMetadata): (logical: string) => string {
  const mode = metadata.configuration['delta.columnMapping.mode'];
  if (mode !== 'name' && mode !== 'id') return (n) => n;
  const map = new Map<string, string>();
  const walk = (fields: SchemaField[], logicalPrefix: string, physicalPrefix: string) => {
    for (const f of fields) {
      const phys =
        typeof f.metadata?.['delta.columnMapping.physicalName'] === 'string'
          ? (f.metadata['delta.columnMapping.physicalName'] as string)
          : f.name;
      const logical = logicalPrefix + f.name;
      const physical = physicalPrefix + phys;
      map.set(logical.toLowerCase(), physical);
      const t = f.type as { type?: string; fields?: SchemaField[] };
      if (t && typeof t === 'object' && t.type === 'struct' && Array.isArray(t.fields)) walk(t.fields, `${logical}.`, `${physical}.`);
    }
  };
  try {
    walk((JSON.parse(metadata.schemaString) as { fields: SchemaField[] }).fields, '', '');
  } catch {
    return (n) => n;
  }
  return (n) => map.get(n.toLowerCase()) ?? n;
}
