/**
 * Predicate hints are advisory: many servers prune only by partition, some not at all, and answer
 * every file of the table. Each file still carries its partition values and (usually) its stats, so
 * the client skips, before downloading, the files the WHERE cannot match. The same evaluation as our
 * server's (predicateEval), conservative by construction: a file is kept unless its facts rule it
 * out, and DuckDB re-applies the whole WHERE to what is read, so pruning never changes a result.
 */
import { fileFacts } from '../fileFacts';
import { physicalNames } from '../physicalNames';
import { fileMayMatch } from '../predicateEval';
import type { JsonPredicate } from './jsonPredicate';
import type { SharedFile, SharedMetadata } from './types';

export function pruneFiles(files: SharedFile[], metadata: SharedMetadata, predicate: JsonPredicate | undefined): SharedFile[] {
  if (!predicate) return files;
  const physical = physicalNames(metadata);
  return files.filter((f) => fileMayMatch(predicate, fileFacts(f.partitionValues, f.stats, physical)));
}
