import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from '../../common/sqlQuote';

let connection: Promise<DuckDBConnection> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs a query on one private in-memory DuckDB (created on first use) that reads log Parquet and
 * file schemas. Queries are queued because a DuckDB connection runs one statement at a time.
 * DuckDB's external file cache is off: it knows a file by path, size and modification time (to the
 * second), so a cached data file dropped as damaged and downloaded again within that second would
 * be read from the damaged bytes it kept (damagedFile.ts). These files are local; the OS caches them.
 */
export function logQuery(sql: string): Promise<unknown[][]> {
  connection ??= DuckDBInstance.create(':memory:', { threads: '1', enable_external_file_cache: 'false' }).then((db) => db.connect());
  const conn = connection;
  const run = queue.then(async () => (await (await conn).runAndReadAll(sql)).getRows() as unknown[][]);
  queue = run.catch(() => undefined);
  return run;
}

/** Every row of the Parquet files as a JSON object (struct, list and map columns included). */
export async function readParquetRows(files: string[]): Promise<Record<string, unknown>[]> {
  if (files.length === 0) return [];
  const list = `[${files.map(quoteLiteral).join(', ')}]`;
  const rows = await logQuery(`SELECT to_json(t)::VARCHAR FROM read_parquet(${list}, union_by_name = true) t`);
  return rows.map((r) => JSON.parse(String(r[0])) as Record<string, unknown>);
}
