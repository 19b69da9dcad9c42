/**
 * Fuzzes the reader of /query answers (NDJSON, as it streams) with mutated response streams: damaged
 * bytes, lines cut or doubled, chunk boundaries anywhere (inside a UTF-8 character too). The reader
 * must end every case, with a page or a SiltError that says the answer is damaged (`corrupt`) or
 * asks for something Silt does not read (`unsupported`, `bad-request`); an error the server itself
 * reported in its EndStreamAction keeps the server's status, so any code is allowed for that one.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SiltError } from '../../common/SiltError';
import type { Response } from '../../kernel/sharing/client/HttpCore';
import { readTablePage } from '../../kernel/sharing/client/readTablePage';
import { SharingError } from '../../kernel/sharing/client';
import { applyMutations, mutation } from './mutate';

const TIME_LIMIT_MS = 8_000;
const HANG_MS = 2_000;
const ALLOWED = ['corrupt', 'bad-request', 'unsupported'];

const schemaString = JSON.stringify({
  type: 'struct',
  fields: [{ name: 'id', type: 'long', nullable: true, metadata: {} }],
});
const parquetLines = (files: number) => [
  { protocol: { minReaderVersion: 1 } },
  { metaData: { id: 'm', format: { provider: 'parquet' }, schemaString, partitionColumns: [], configuration: {} } },
  ...Array.from({ length: files }, (_, i) => ({
    file: {
      id: `f${i}`,
      url: `https://storage/f${i}?sig=abc`,
      partitionValues: {},
      size: 100 + i,
      stats: '{"numRecords":1}',
    },
  })),
  { endStreamAction: { refreshToken: 'r', minUrlExpirationTimestamp: 1_900_000_000_000 } },
];
const deltaLines = (files: number) => [
  { protocol: { deltaProtocol: { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['deletionVectors'] } } },
  {
    metaData: {
      deltaMetadata: {
        id: 'm',
        format: { provider: 'parquet' },
        schemaString,
        partitionColumns: [],
        configuration: {},
      },
      version: 1,
    },
  },
  ...Array.from({ length: files }, (_, i) => ({
    file: {
      id: `f${i}`,
      deltaSingleAction: {
        add: { path: `https://storage/f${i}?sig=abc`, partitionValues: {}, size: 100, dataChange: true },
      },
    },
  })),
  { endStreamAction: { errorMessage: i18n(files), httpStatusErrorCode: 503 } },
];
function i18n(n: number): string | undefined {
  return n % 3 === 0 ? 'the table is being rewritten — réessayez' : undefined;
}

const stream = fc
  .record({
    format: fc.constantFrom('parquet', 'delta'),
    files: fc.integer({ min: 0, max: 6 }),
    mutations: fc.array(mutation, { maxLength: 5 }),
    cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
    endStream: fc.boolean(),
  })
  .map(({ format, files, mutations, cuts, endStream }) => {
    const lines = format === 'parquet' ? parquetLines(files) : deltaLines(files);
    const text = applyMutations(lines.map((l) => JSON.stringify(l)).join('\n') + '\n', mutations);
    const bytes = Buffer.from(text, 'utf8');
    // Chunk boundaries at arbitrary byte offsets, as TCP delivers them.
    const offsets = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].sort((a, b) => a - b);
    const chunks: Buffer[] = [];
    let prev = 0;
    for (const o of [...offsets, bytes.length]) {
      if (o > prev) chunks.push(bytes.subarray(prev, o));
      prev = o;
    }
    const caps = `responseformat=${format}${endStream ? ';includeendstreamaction=true' : ''}`;
    return { chunks, caps };
  });

function response(chunks: Buffer[], caps: string): Response {
  return {
    statusCode: 200,
    headers: { 'delta-table-version': '1', 'delta-sharing-capabilities': caps },
    body: Readable.from(chunks),
  } as unknown as Response;
}

describe('fuzz: NDJSON response reader', () => {
  it('mutated /query streams end with a page or a corrupt/bad-request/unsupported SiltError, never hang', async () => {
    let cases = 0;
    let pages = 0;
    let refused = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(stream, async ({ chunks, caps }) => {
        cases++;
        let timer: NodeJS.Timeout | undefined;
        const hang = new Promise<'hang'>((r) => (timer = setTimeout(() => r('hang'), HANG_MS)));
        const read = readTablePage(response(chunks, caps), ['delta', 'parquet'], 'h.default.t', 'querying h.default.t').then(
          () => 'page' as const,
          (e: unknown) => e,
        );
        const outcome = await Promise.race([read, hang]);
        clearTimeout(timer);
        expect(outcome).not.toBe('hang');
        if (outcome === 'page') {
          pages++;
          return;
        }
        refused++;
        expect(outcome).toBeInstanceOf(SiltError);
        const e = outcome as SiltError;
        const serverReported = e instanceof SharingError && e.serverCode === 'END_STREAM_ERROR';
        if (!serverReported) expect(ALLOWED).toContain(e.code);
        // Pre-signed URL signatures never reach a message.
        expect(e.message).not.toContain('sig=abc');
      }),
      { numRuns: 1_000_000, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz NDJSON reader: ${cases} mutated streams (${pages} read, ${refused} refused) in ${seconds} s, ` + '0 hangs, 0 failures',
    );
    expect(cases).toBeGreaterThan(1000);
  }, 30_000);
});
