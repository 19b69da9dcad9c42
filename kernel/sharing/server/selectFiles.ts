import type { DeltaFile, DeltaMetadata } from '../../delta';
import { fileFacts } from '../fileFacts';
import { physicalNames } from '../physicalNames';
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
