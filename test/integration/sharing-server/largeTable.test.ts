/** A 100,000-file table (log only: listing files never opens them) paged through /query. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSharingServer } from '../../../kernel/sharing/server';
import { Fixture } from './fixture';

const FILES = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'silt-share-large-'));
let fx: Fixture;

beforeAll(async () => {
  mkdirSync(join(dir, 'big', '_delta_log'), { recursive: true });
  const schemaString = JSON.stringify({ type: 'struct', fields: [{ name: 'id', type: 'long', nullable: true, metadata: {} }] });
  const lines = [
    JSON.stringify({ commitInfo: { timestamp: 1_700_000_000_000, operation: 'WRITE' } }),
    JSON.stringify({ protocol: { minReaderVersion: 1, minWriterVersion: 2 } }),
    JSON.stringify({
      metaData: { id: 'big', format: { provider: 'parquet', options: {} }, schemaString, partitionColumns: [], configuration: {} },
    }),
  ];
  for (let i = 0; i < FILES; i++) {
    const stats = JSON.stringify({ numRecords: 10, minValues: { id: i * 10 }, maxValues: { id: i * 10 + 9 }, nullCount: { id: 0 } });
    lines.push(
      JSON.stringify({
        add: { path: `part-${i}.parquet`, partitionValues: {}, size: 1000 + (i % 7), modificationTime: 0, dataChange: true, stats },
      }),
    );
  }
  writeFileSync(join(dir, 'big', '_delta_log', '00000000000000000000.json'), lines.join('\n') + '\n');
  fx = new Fixture(
    await startSharingServer({
      shares: [{ name: 'test.share', schemas: [{ name: 's', tables: [{ name: 'big', location: join(dir, 'big') }] }] }],
    }),
  );
});
afterAll(async () => {
  await fx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a 100k-file table', () => {
  it('pages through every file exactly once with 25,000-file pages', async () => {
    const ids = new Set<string>();
    let bytes = 0;
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const a = await fx.query('big', { maxFiles: 25_000, ...(pageToken ? { pageToken } : {}) });
      expect(a.status).toBe(200);
      for (const l of a.lines) {
        if (!l.file) continue;
        ids.add(l.file.id);
        bytes += l.file.size;
      }
      pageToken = a.lines[a.lines.length - 1].endStreamAction?.nextPageToken;
      pages++;
    } while (pageToken);
    expect(pages).toBe(4);
    expect(ids.size).toBe(FILES);
    let want = 0;
    for (let i = 0; i < FILES; i++) want += 1000 + (i % 7);
    expect(bytes).toBe(want);
  });

  it('prunes on stats across all files (id in [500000, 500019] is in 2 files)', async () => {
    const pred = {
      op: 'and',
      children: [
        {
          op: 'greaterThanOrEqual',
          children: [
            { op: 'column', name: 'id', valueType: 'long' },
            { op: 'literal', value: '500000', valueType: 'long' },
          ],
        },
        {
          op: 'lessThanOrEqual',
          children: [
            { op: 'column', name: 'id', valueType: 'long' },
            { op: 'literal', value: '500019', valueType: 'long' },
          ],
        },
      ],
    };
    const a = await fx.query('big', { jsonPredicateHints: JSON.stringify(pred) });
    expect(
      a.lines
        .filter((l) => l.file)
        .map((l) => l.file.url.split('/').pop()!.split('?')[0])
        .sort(),
    ).toEqual(['part-50000.parquet', 'part-50001.parquet']);
  });

  it('streams: the first line arrives before the body ends', async () => {
    const res = await fx.fetch(`${fx.table('big')}/query`, { method: 'POST', body: '{}' });
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value).split('\n')[0]).toContain('protocol');
    let rest = 0;
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      rest += r.value.byteLength;
    }
    expect(rest).toBeGreaterThan(10_000_000); // a 100k-file answer comes in many chunks after the first
  });

  it('stops cleanly when the client hangs up mid-answer and keeps serving', async () => {
    const ctrl = new AbortController();
    const res = await fx.fetch(`${fx.table('big')}/query`, { method: 'POST', body: '{}', signal: ctrl.signal });
    await res.body!.getReader().read();
    ctrl.abort();
    const v = await fx.fetch(`${fx.table('big')}/version`);
    expect(v.headers.get('delta-table-version')).toBe('0');
  });
});
