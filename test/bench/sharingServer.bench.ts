/**
 * The built-in Delta Sharing server on a generated 2,000-file table: NDJSON time to first line and
 * to the last line of /query, and file download throughput over loopback through signed URLs,
 * against a plain node:http static file server on the same files in the same run.
 */
import { createReadStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSharingServer } from '../../kernel/sharing/server';

const FILES = 2000;
const FILE_BYTES = 16 * 1024;
const REPEATS = 5;
const CONCURRENCY = 8;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A Delta table with one commit of FILES adds (with stats) over files of random bytes. */
function generateTable(root: string): string[] {
  mkdirSync(join(root, '_delta_log'), { recursive: true });
  const names: string[] = [];
  const lines = [
    JSON.stringify({ commitInfo: { timestamp: Date.now(), operation: 'WRITE' } }),
    JSON.stringify({ protocol: { minReaderVersion: 1, minWriterVersion: 2 } }),
    JSON.stringify({
      metaData: {
        id: 'bench-table',
        format: { provider: 'parquet', options: {} },
        schemaString: JSON.stringify({ type: 'struct', fields: [{ name: 'id', type: 'long', nullable: true, metadata: {} }] }),
        partitionColumns: [],
        configuration: {},
        createdTime: Date.now(),
      },
    }),
  ];
  const payload = Buffer.alloc(FILE_BYTES, 7);
  for (let i = 0; i < FILES; i++) {
    const name = `part-${String(i).padStart(5, '0')}.snappy.parquet`;
    writeFileSync(join(root, name), payload);
    names.push(name);
    const stats = JSON.stringify({ numRecords: 100, minValues: { id: i * 100 }, maxValues: { id: i * 100 + 99 }, nullCount: { id: 0 } });
    lines.push(
      JSON.stringify({ add: { path: name, partitionValues: {}, size: FILE_BYTES, modificationTime: Date.now(), dataChange: true, stats } }),
    );
  }
  writeFileSync(join(root, '_delta_log', '00000000000000000000.json'), lines.join('\n') + '\n');
  return names;
}

async function staticServer(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const file = join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    res.writeHead(200, { 'Content-Length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Downloads every URL with bounded concurrency; returns bytes per second. */
async function throughput(urls: string[]): Promise<number> {
  const start = performance.now();
  let bytes = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < urls.length) {
        const res = await fetch(urls[next++]);
        bytes += (await res.arrayBuffer()).byteLength;
      }
    }),
  );
  return bytes / ((performance.now() - start) / 1000);
}

export async function run(): Promise<string[]> {
  const lines: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'silt-bench-sharing-'));
  const names = generateTable(join(dir, 'bench'));
  const sharing = await startSharingServer({
    shares: [{ name: 'b', schemas: [{ name: 's', tables: [{ name: 't', location: join(dir, 'bench') }] }] }],
  });
  const plain = await staticServer(join(dir, 'bench'));
  try {
    const firstLine: number[] = [];
    const total: number[] = [];
    let urls: string[] = [];
    for (let i = 0; i <= REPEATS; i++) {
      const t0 = performance.now();
      const res = await fetch(`${sharing.url}/shares/b/schemas/s/tables/t/query`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sharing.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      const reader = res.body!.getReader();
      let text = '';
      let first: number | undefined;
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        if (first === undefined && text.includes('\n')) first = performance.now() - t0;
      }
      if (i === 0) {
        urls = text
          .split('\n')
          .filter((l) => l.includes('"file"'))
          .map((l) => JSON.parse(l).file.url as string);
        continue; // warm-up: the first request also replays the log cold
      }
      firstLine.push(first!);
      total.push(performance.now() - t0);
    }
    if (urls.length !== FILES) throw new Error(`expected ${FILES} files, got ${urls.length}`);
    lines.push(
      `/query ${FILES} files: first line ${median(firstLine).toFixed(1)} ms, whole answer ${median(total).toFixed(1)} ms (median of ${REPEATS})`,
    );
    lines.push(`/query per 1,000 files: ${((median(total) / FILES) * 1000).toFixed(1)} ms`);

    const plainUrls = names.map((n) => `${plain.url}/${n}`);
    await throughput(plainUrls.slice(0, 100)); // warm both paths
    await throughput(urls.slice(0, 100));
    // Alternate the two servers and keep each one's best round, so load from elsewhere on the
    // machine does not land on one side only.
    let base = 0;
    let signed = 0;
    for (let round = 0; round < 3; round++) {
      base = Math.max(base, await throughput(plainUrls));
      signed = Math.max(signed, await throughput(urls));
    }
    const mb = (x: number) => (x / 1024 / 1024).toFixed(1);
    lines.push(
      `files (${FILES} × ${FILE_BYTES / 1024} KiB, ${CONCURRENCY} at a time): plain static server ${mb(base)} MiB/s, signed URLs ${mb(signed)} MiB/s (best of 3)`,
    );
    lines.push(`ratio signed/plain throughput: ${(signed / base).toFixed(2)}×`);
  } finally {
    await sharing.close();
    await new Promise<void>((r) => plain.server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
