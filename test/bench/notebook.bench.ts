/**
 * Notebook round trips through the real host, session process and WebSocket, against the same
 * queries on raw @duckdb/node-api in this process. Targets (issue #2): a SQL cell within 1.1× + 10 ms
 * of raw DuckDB; the first page of a 10M-row result under 200 ms after the query finishes.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { TableOutput } from '../../kernel/protocol';
import { ProtocolClient, startHost } from '../helpers/startHost';

const REPEATS = 15;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

export async function run(): Promise<string[]> {
  const lines: string[] = [];
  const host = await startHost();
  const client = await ProtocolClient.connect(host);
  const { sessionId } = await client.request('session.open', { key: 'bench' });
  const db = await DuckDBInstance.create(':memory:');
  const raw = await db.connect();
  let n = 0;
  const cell = (code: string) => client.request('execute', { sessionId, runId: `b${++n}`, cellId: 'b', language: 'sql', code });

  const cases: [string, string][] = [
    ['1-row aggregate', 'SELECT count(*) AS n, sum(i) AS s FROM range(1000000) t(i)'],
    ['1M-row aggregate', 'SELECT i % 1000000 AS g, count(*) AS c FROM range(2000000) t(i) GROUP BY 1'],
  ];
  lines.push('| query | raw DuckDB (ms) | Silt cell (ms) | ratio | target |', '|---|---|---|---|---|');
  for (const [label, sql] of cases) {
    // The raw baseline reads the whole result, as a client showing it would have to.
    const base = await time(async () => (await raw.runAndReadAll(sql)).getRowsJson());
    const ours = await time(() => cell(sql));
    lines.push(
      `| ${label} | ${base.toFixed(1)} | ${ours.toFixed(1)} | ${(ours / base).toFixed(2)}× | ≤ 1.1× + 10 ms (${ours <= base * 1.1 + 10 ? 'met' : 'missed'}) |`,
    );
  }

  const big = (await cell('SELECT i, i * 2 AS twice, md5(i::VARCHAR) AS h FROM range(10000000) t(i)')).outputs[0] as TableOutput;
  const firstPage = await time(() => client.request('result.page', { sessionId, handle: big.handle!, offset: 0, limit: 200 }));
  const lastPage = await time(() => client.request('result.page', { sessionId, handle: big.handle!, offset: 9_999_800, limit: 200 }));
  const rawPage = await time(async () =>
    (await raw.runAndReadAll('SELECT i, i * 2, md5(i::VARCHAR) FROM range(10000000) t(i) LIMIT 200')).getRowsJson(),
  );
  lines.push('', '| 10M-row result | ms | vs raw LIMIT 200 query | target |', '|---|---|---|---|');
  lines.push(
    `| first page (200 rows) | ${firstPage.toFixed(1)} | ${(firstPage / rawPage).toFixed(2)}× | < 200 ms (${firstPage < 200 ? 'met' : 'missed'}) |`,
  );
  lines.push(
    `| last page (rows 9,999,800+) | ${lastPage.toFixed(1)} | ${(lastPage / rawPage).toFixed(2)}× | < 200 ms (${lastPage < 200 ? 'met' : 'missed'}) |`,
  );

  raw.closeSync();
  client.close();
  await host.stop();
  return lines;
}
