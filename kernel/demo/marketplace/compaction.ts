/**
 * Keeps the merged tables from fragmenting: every merge adds a file, and the writer's merges and
 * deletes cost a query per live file, so without this a long-running demo slows down tick by tick.
 *
 * The writer has no compaction (an OPTIMIZE with dataChange=false), so this rewrites the table
 * through a merge of all its rows into itself. The table's contents do not change, but with change
 * data feed on, the commit records every row as an identical update_preimage/update_postimage pair.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { latestScanSql, type DeltaHandle } from './deltaHandle';

/** Rewrites the table into one file when it has more than `maxFiles` live files; true if it did. */
export async function compactIfFragmented(
  conn: DuckDBConnection,
  handle: DeltaHandle,
  keyColumns: string[],
  maxFiles: number,
): Promise<boolean> {
  const snapshot = await handle.table.snapshot();
  if (snapshot.files.length <= maxFiles) return false;
  await handle.writer.mergeByKey(conn, await latestScanSql(handle), keyColumns, { operation: 'OPTIMIZE (rewrite by merge)' });
  return true;
}
