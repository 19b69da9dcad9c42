/**
 * Not a CI benchmark (it writes and reads many GB): a shared table bigger than DuckDB's memory
 * limit, served by our server on 127.0.0.1, read and aggregated through a Silt session. Prints the
 * table's size, the times and the process's peak RSS, which docs/BENCH.md records.
 *
 *   SILT_MEMORY_LIMIT=1GB BIG_FILES=50 npx vite-node test/bench/bigTable.experiment.ts
 *
 * BIG_FILES × ~100 MB of Parquet go to BIG_DIR (default a temp folder, removed at the end).
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Session } from '../../kernel/session/Session';
import { startSharingServer } from '../../kernel/sharing/server';

const FILES = Number(process.env.BIG_FILES ?? 50);
const ROWS_PER_FILE = 1_000_000;
const work = mkdtempSync(join(process.env.BIG_DIR ?? tmpdir(), 'silt-big-'));
const gb = (b: number) => `${(b / 1e9).toFixed(2)} GB`;
const rss = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;

async function writeTable(root: string): Promise<number> {
  mkdirSync(join(root, '_delta_log'), { recursive: true });
  const db = await DuckDBInstance.create(':memory:', { memory_limit: '1GB', threads: '2' });
  const conn = await db.connect();
  const adds: object[] = [];
  let bytes = 0;
  for (let i = 0; i < FILES; i++) {
    const name = `part-${String(i).padStart(5, '0')}.parquet`;
    const lo = i * ROWS_PER_FILE;
    // Hashes do not compress: ~100 bytes a row on disk. 20M customers: a GROUP BY far above 1 GB.
    await conn.run(
      `COPY (SELECT r AS id, 'customer-' || (hash(r) % 20000000) AS customer, (r % 10007) / 100.0 AS amount,
              md5(r::VARCHAR) || md5((r * 31)::VARCHAR) AS note
            FROM range(${lo}, ${lo + ROWS_PER_FILE}) t(r)) TO '${join(root, name)}' (FORMAT parquet)`,
    );
    const size = statSync(join(root, name)).size;
    bytes += size;
    const stats = JSON.stringify({
      numRecords: ROWS_PER_FILE,
      minValues: { id: lo },
      maxValues: { id: lo + ROWS_PER_FILE - 1 },
      nullCount: { id: 0 },
    });
    adds.push({ add: { path: name, partitionValues: {}, size, modificationTime: Date.now(), dataChange: true, stats } });
  }
  conn.closeSync();
  const schema = {
    type: 'struct',
    fields: [
      { name: 'id', type: 'long', nullable: false, metadata: {} },
      { name: 'customer', type: 'string', nullable: true, metadata: {} },
      { name: 'amount', type: 'double', nullable: true, metadata: {} },
      { name: 'note', type: 'string', nullable: true, metadata: {} },
    ],
  };
  const metaData = {
    id: 'big',
    format: { provider: 'parquet', options: {} },
    schemaString: JSON.stringify(schema),
    partitionColumns: [],
    configuration: {},
  };
  const commit = [{ protocol: { minReaderVersion: 1, minWriterVersion: 2 } }, { metaData }, ...adds];
  writeFileSync(join(root, '_delta_log', '00000000000000000000.json'), commit.map((a) => JSON.stringify(a)).join('\n') + '\n');
  return bytes;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const bytes = await writeTable(join(work, 'table'));
  console.log(
    `table: ${FILES} files, ${FILES * ROWS_PER_FILE} rows, ${gb(bytes)} written in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  const server = await startSharingServer({
    shares: [{ name: 'big', schemas: [{ name: 's', tables: [{ name: 't', location: join(work, 'table') }] }] }],
  });
  process.env.SILT_TEMP_DIR ??= join(work, 'spill');
  const profile = JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token });
  const session = await Session.create({ workspace: work, emit: () => {}, profiles: [profile] });
  const { totalmem } = await import('node:os');
  const limit = (await session.engine.connection.runAndReadAll("SELECT current_setting('memory_limit')")).getRows()[0][0];
  console.log(`DuckDB memory_limit ${limit}, machine RAM ${gb(totalmem())}`);
  const run = async (label: string, code: string) => {
    const t = performance.now();
    const r = await session.execute({ runId: label, language: 'sql', code });
    const s = ((performance.now() - t) / 1000).toFixed(0);
    const table = r.outputs.find((o) => o.kind === 'table') as { rows?: unknown[][] } | undefined;
    const err = r.outputs.find((o) => o.kind === 'error');
    console.log(`${label}: ${r.status} in ${s} s, peak RSS so far ${rss()}${err ? ` — ${JSON.stringify(err)}` : ''}`);
    if (table?.rows) console.log(`  first rows: ${JSON.stringify(table.rows.slice(0, 3))}`);
  };
  // Download (cold) + a simple aggregate, then a GROUP BY over 20M keys that cannot fit in 1 GB.
  await run('download + count/sum', 'SELECT count(*) AS n, sum(amount) AS total FROM big.s.t');
  await run(
    'GROUP BY 20M customers',
    'SELECT customer, count(*) AS n, sum(amount) AS total FROM big.s.t GROUP BY customer ORDER BY n DESC, customer LIMIT 5',
  );
  // DISTINCT as a grouping spills; count(DISTINCT …) keeps its set in memory (DuckDB 1.5) and is
  // refused with an Out of Memory error in the cell — the session lives on.
  await run('DISTINCT note (every row distinct)', 'SELECT count(*) AS notes FROM (SELECT DISTINCT note FROM big.s.t)');
  await run('count(DISTINCT note)', 'SELECT count(DISTINCT note) AS notes FROM big.s.t');
  await run('GROUP BY customer, no aggregate', 'SELECT count(*) AS groups FROM (SELECT customer FROM big.s.t GROUP BY customer)');
  // Where DuckDB's memory is after all that, by tag (what a failed query left pinned).
  const memory = await session.engine.connection.runAndReadAll(
    `SELECT tag, round(memory_usage_bytes / 1e6) AS mb, round(temporary_storage_bytes / 1e6) AS spilled_mb FROM duckdb_memory() WHERE memory_usage_bytes > 0 OR temporary_storage_bytes > 0 ORDER BY 2 DESC`,
  );
  console.log(`duckdb_memory(): ${JSON.stringify(memory.getRowsJson())}`);
  await session.engine.close();
  await server.close();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!process.env.BIG_KEEP) rmSync(work, { recursive: true, force: true });
  });
