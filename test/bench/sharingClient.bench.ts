/**
 * The Delta Sharing client against Silt's own server on loopback, with a ~200-file, ~2M-row table.
 * Cold: sharedTableSql (query + parallel cached downloads + SQL) vs a raw parallel HTTP download of
 * the same pre-signed URLs (target ≥ 0.9× raw throughput). Warm: sharedTableSql from the cache plus
 * an aggregate vs DuckDB reading the same Parquet files directly (target ≤ 1.1×). Selective: a
 * SQL cell's WHERE that 5 % of the files can match, against the server with its hints switched off
 * (it answers every file): bytes downloaded vs the matching files' bytes (target ≤ 1.2×) and time vs
 * the cold full download (target ≤ 0.2×). Peak RSS.
 * SILT_BENCH_FILES scales the table down for quick runs.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Agent, request } from 'undici';
import { SharedTables } from '../../kernel/session/sharing/SharedTables';
import { sharedTableSql, SharingClient } from '../../kernel/sharing/client';
import { startSharingServer } from '../../kernel/sharing/server';

const FILES = Number(process.env.SILT_BENCH_FILES ?? 200);
const ROWS_PER_FILE = 10_000;
const CONCURRENCY = 8;

const SCHEMA = {
  type: 'struct',
  fields: [
    { name: 'id', type: 'long', nullable: false, metadata: {} },
    { name: 'customer', type: 'string', nullable: true, metadata: {} },
    { name: 'amount', type: 'double', nullable: true, metadata: {} },
    { name: 'ts', type: 'timestamp', nullable: true, metadata: {} },
    { name: 'note', type: 'string', nullable: true, metadata: {} },
  ],
};

/** Writes the Parquet files with DuckDB and a single-commit _delta_log by hand. */
async function writeTable(conn: DuckDBConnection, root: string): Promise<string[]> {
  mkdirSync(join(root, '_delta_log'), { recursive: true });
  const adds: object[] = [];
  const paths: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const name = `part-${String(i).padStart(5, '0')}.parquet`;
    const path = join(root, name);
    const lo = i * ROWS_PER_FILE;
    await conn.run(
      `COPY (SELECT i AS id, 'customer-' || (i * 7919 % 50000) AS customer, (i % 10007) / 100.0 AS amount,
              TIMESTAMPTZ '2025-01-01 00:00:00+00' + to_seconds(i) AS ts, md5(i::VARCHAR) AS note
            FROM range(${lo}, ${lo + ROWS_PER_FILE}) t(i)) TO '${path}' (FORMAT parquet)`,
    );
    paths.push(path);
    // Stats as Spark writes them, so a WHERE on id can rule a file out.
    const stats = JSON.stringify({
      numRecords: ROWS_PER_FILE,
      minValues: { id: lo },
      maxValues: { id: lo + ROWS_PER_FILE - 1 },
      nullCount: { id: 0 },
    });
    adds.push({
      add: { path: name, partitionValues: {}, size: statSync(path).size, modificationTime: Date.now(), dataChange: true, stats },
    });
  }
  const commit = [
    { protocol: { minReaderVersion: 1, minWriterVersion: 2 } },
    {
      metaData: {
        id: 'bench',
        format: { provider: 'parquet', options: {} },
        schemaString: JSON.stringify(SCHEMA),
        partitionColumns: [],
        configuration: {},
        createdTime: Date.now(),
      },
    },
    ...adds,
  ];
  writeFileSync(join(root, '_delta_log', '00000000000000000000.json'), commit.map((a) => JSON.stringify(a)).join('\n') + '\n');
  return paths;
}

/** Plain parallel download of every URL to disk: the throughput ceiling for the same server. */
async function rawDownload(urls: string[], dir: string): Promise<number> {
  const agent = new Agent({ connections: CONCURRENCY });
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < urls.length) {
      const i = next++;
      const res = await request(urls[i], { dispatcher: agent });
      const h = await open(join(dir, `${i}.parquet`), 'w');
      for await (const c of res.body as AsyncIterable<Buffer>) {
        await h.write(c);
        bytes += c.length;
      }
      await h.close();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await agent.close();
  return bytes;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

const AGG = 'SELECT count(*), sum(amount), count(DISTINCT customer), max(ts)';

export async function run(): Promise<string[]> {
  const lines: string[] = [];
  const work = mkdtempSync(join(tmpdir(), 'silt-bench-sharing-'));
  const db = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await db.connect();
  try {
    const tableRoot = join(work, 'table');
    const files = await writeTable(conn, tableRoot);
    const totalBytes = files.reduce((s, f) => s + statSync(f).size, 0);
    lines.push(`table: ${FILES} files, ${FILES * ROWS_PER_FILE} rows, ${(totalBytes / 1e6).toFixed(1)} MB`);
    // Hints ignored, as many real servers do: every query is answered with every file.
    const server = await startSharingServer({
      ignoreHints: true,
      shares: [{ name: 'bench', schemas: [{ name: 's', tables: [{ name: 't', location: tableRoot }] }] }],
    });
    const profile = JSON.stringify({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token });
    const ref = { share: 'bench', schema: 's', table: 't' };
    try {
      // Raw baseline: the same server's pre-signed URLs, downloaded in parallel with no client logic.
      const lister = SharingClient.fromProfile(profile, { formats: ['parquet'] });
      const urls = (await lister.queryTable(ref)).files.map((f) => f.url);
      await lister.close();
      // Alternate raw and client runs (after an untimed warm-up) so neither gains from the OS cache;
      // each run's output is deleted before the next so dirty pages from earlier runs do not pile up.
      const rawRun = async () => {
        const dir = mkdtempSync(join(work, 'raw-'));
        try {
          return await rawDownload(urls, dir);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      };
      await rawRun();
      const rawRuns: number[] = [];
      const coldRuns: number[] = [];
      let rawBytes = 0;
      let client: SharingClient | undefined;
      let cold: Awaited<ReturnType<typeof sharedTableSql>> | undefined;
      for (let i = 0; i < 3; i++) {
        const [b, ms] = await timed(rawRun);
        rawBytes = b;
        rawRuns.push(ms);
        await client?.close();
        if (i > 0) rmSync(join(work, `cache${i - 1}`), { recursive: true, force: true });
        client = SharingClient.fromProfile(profile, { cacheDir: join(work, `cache${i}`), concurrency: CONCURRENCY });
        const c = client;
        const [result, coldMs] = await timed(() => sharedTableSql(c, ref));
        cold = result;
        coldRuns.push(coldMs);
      }
      const rawMs = median(rawRuns);
      const coldMs = median(coldRuns);
      const [, loadMs] = await timed(() => conn.run(`CREATE TABLE cold AS ${cold!.sql}`));
      const rawMBs = rawBytes / 1e3 / rawMs;
      const coldMBs = cold!.bytes / 1e3 / coldMs;
      lines.push(`raw parallel download: ${rawMs.toFixed(0)} ms (${rawMBs.toFixed(1)} MB/s), median of 3`);
      lines.push(
        `cold sharedTableSql (query + download + SQL): ${coldMs.toFixed(0)} ms (${coldMBs.toFixed(1)} MB/s), median of 3; then CREATE TABLE in DuckDB ${loadMs.toFixed(0)} ms`,
      );
      lines.push(`cold throughput vs raw: ${(coldMBs / rawMBs).toFixed(2)}× (target ≥ 0.9×)`);

      // Selective: a cell's SQL whose WHERE 5 % of the files can match, each run with an empty cache.
      const matching = Math.max(1, Math.round(FILES * 0.05));
      const matchingBytes = files.slice(0, matching).reduce((s, f) => s + statSync(f).size, 0);
      const selectiveSql = `${AGG} FROM bench.s.t WHERE id < ${matching * ROWS_PER_FILE}`;
      const selectiveRun = async () => {
        const shared = new SharedTables(conn);
        shared.addProfile(profile, 'bench_profile');
        try {
          const [sql, ms] = await timed(() => shared.resolve(selectiveSql));
          const cacheFiles = join(shared.client('bench_profile').fileCache().dir, 'files');
          const downloaded = readdirSync(cacheFiles).reduce((s, f) => s + statSync(join(cacheFiles, f)).size, 0);
          const rows = Number((await conn.runAndReadAll(sql)).getRows()[0][0]);
          return { ms, downloaded, rows };
        } finally {
          await shared.close();
        }
      };
      const selective = [];
      for (let i = 0; i < 3; i++) selective.push(await selectiveRun());
      const sel = selective.sort((a, b) => a.ms - b.ms)[1];
      if (sel.rows !== matching * ROWS_PER_FILE)
        throw new Error(`selective query counted ${sel.rows} rows, not ${matching * ROWS_PER_FILE}`);
      lines.push(
        `selective query (${matching} of ${FILES} files match, server ignores hints): ${sel.ms.toFixed(0)} ms, downloaded ${(sel.downloaded / 1e6).toFixed(1)} MB of ${(matchingBytes / 1e6).toFixed(1)} MB matching, median of 3`,
      );
      lines.push(`selective bytes downloaded vs matching files: ${(sel.downloaded / matchingBytes).toFixed(2)}× (target ≤ 1.2×)`);
      lines.push(`selective time vs cold full download: ${(sel.ms / coldMs).toFixed(2)}× (target ≤ 0.2×)`);

      // Warm: reopen from the cache (one /version call) and aggregate, vs DuckDB on the files directly.
      const cacheFiles = join(work, 'cache2', 'files');
      const cached = readdirSync(cacheFiles).map((f) => join(cacheFiles, f));
      const warmClient = client!;
      const direct = `read_parquet([${cached.map((f) => `'${f}'`).join(', ')}])`;
      // Interleaved runs, so load from other processes on the machine hits both sides alike.
      const warmFn = async () => conn.run(`${AGG} FROM (${(await sharedTableSql(warmClient, ref)).sql})`);
      const directFn = () => conn.run(`${AGG} FROM ${direct}`);
      await warmFn();
      await directFn();
      const opens: number[] = [];
      const warms: number[] = [];
      const directs: number[] = [];
      for (let i = 0; i < 7; i++) {
        opens.push((await timed(() => sharedTableSql(warmClient, ref)))[1]);
        warms.push((await timed(warmFn))[1]);
        directs.push((await timed(directFn))[1]);
      }
      const [openMs, warmMs, directMs] = [median(opens), median(warms), median(directs)];
      lines.push(
        `warm re-open + aggregate: ${warmMs.toFixed(0)} ms (re-open alone ${openMs.toFixed(0)} ms); DuckDB on the same Parquet files: ${directMs.toFixed(0)} ms`,
      );
      lines.push(`warm vs direct: ${(warmMs / directMs).toFixed(2)}× (target ≤ 1.1×)`);
      lines.push(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
      await warmClient.close();
    } finally {
      await server.close();
    }
  } finally {
    conn.closeSync();
    rmSync(work, { recursive: true, force: true });
  }
  return lines;
}
