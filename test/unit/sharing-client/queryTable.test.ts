import { afterEach, describe, expect, it } from 'vitest';
import { SharingClient } from '../../../kernel/sharing/client';
import { bearerProfile, FAST, ndjson, startServer, type Handler, failure } from './httpServer';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});
const ref = { share: 's', schema: 'd', table: 't' };
const schemaString = JSON.stringify({ type: 'struct', fields: [{ name: 'a', type: 'long', nullable: true, metadata: {} }] });
const PARQUET = { 'delta-table-version': '5', 'delta-sharing-capabilities': 'responseformat=parquet;includeendstreamaction=true' };
const PLAIN = { 'delta-table-version': '5', 'delta-sharing-capabilities': 'responseformat=parquet' };
const protocol = { protocol: { minReaderVersion: 1 } };
const metaData = { metaData: { id: 'm', format: { provider: 'parquet' }, schemaString, partitionColumns: [], futureField: 1 } };
const file = (id: string, extra = {}) => ({ file: { url: `https://store/${id}?sig=abc`, id, partitionValues: {}, size: 10, ...extra } });

async function client(handler: Handler, opts = {}) {
  const s = await startServer(handler);
  closers.push(s.close);
  const c = SharingClient.fromProfile(bearerProfile(s.url), { ...FAST, ...opts });
  closers.push(() => c.close());
  return { s, c };
}

describe('queryTable', () => {
  it('sends capabilities, a JSON-string predicate, integer limitHint and maxFiles; follows pages with identical params (checklist 19–20, 24, 29, 48, 54)', async () => {
    const { s, c } = await client(
      (req, res) => {
        const body = JSON.parse(req.body);
        if (!body.pageToken)
          return ndjson(
            res,
            [protocol, metaData, file('f1'), { endStreamAction: { nextPageToken: 'n1', refreshToken: 'r1', somethingNew: true } }],
            PARQUET,
          );
        ndjson(res, [protocol, metaData, file('f2'), { endStreamAction: { nextPageToken: '', minUrlExpirationTimestamp: 123 } }], PARQUET);
      },
      { maxFilesPerPage: 2 },
    );
    const pred = {
      op: 'equal' as const,
      children: [
        { op: 'column' as const, name: 'a', valueType: 'long' as const },
        { op: 'literal' as const, value: '1', valueType: 'long' as const },
      ] as [any, any],
    };
    const result = await c.queryTable(ref, { jsonPredicateHints: pred, limitHint: 10.7 });
    expect(result.files.map((f) => f.id)).toEqual(['f1', 'f2']);
    expect(result).toMatchObject({ version: 5, format: 'parquet', refreshToken: 'r1', minUrlExpirationTimestamp: 123 });
    const [b1, b2] = s.seen.map((r) => JSON.parse(r.body));
    expect(typeof b1.jsonPredicateHints).toBe('string');
    expect(JSON.parse(b1.jsonPredicateHints)).toEqual(pred);
    expect(b1).toMatchObject({ limitHint: 10, maxFiles: 2, includeRefreshToken: true });
    expect(b1.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(b2).toEqual({
      jsonPredicateHints: b1.jsonPredicateHints,
      limitHint: 10,
      maxFiles: 2,
      pageToken: 'n1',
      idempotencyKey: b1.idempotencyKey,
    });
    expect(s.seen[0].headers['delta-sharing-capabilities']).toBe(
      'responseformat=delta,parquet;readerfeatures=deletionvectors,columnmapping,timestampntz;includeendstreamaction=true;asyncquery=true',
    );
    expect(s.seen[0].headers['content-type']).toMatch(/^application\/json/);
  });

  it('re-asks a latest snapshot with its refreshToken, never with includeRefreshToken or version params (checklist 48)', async () => {
    const { s, c } = await client((_r, res) =>
      ndjson(res, [protocol, metaData, file('f1'), { endStreamAction: { refreshToken: 'r9' } }], PARQUET),
    );
    const first = await c.queryTable(ref);
    await c.queryTable(ref, { refreshToken: first.refreshToken });
    await c.queryTable(ref, { version: 2, refreshToken: 'ignored' });
    const [b1, b2, b3] = s.seen.map((r) => JSON.parse(r.body));
    expect(b1.includeRefreshToken).toBe(true);
    expect(b2).toEqual({ maxFiles: 1000, refreshToken: 'r9', idempotencyKey: expect.any(String) });
    expect(b3).toEqual({ maxFiles: 1000, version: 2, idempotencyKey: expect.any(String) });
    // Each query is its own async query.
    expect(new Set([b1, b2, b3].map((b) => b.idempotencyKey)).size).toBe(3);
  });

  it('refuses two time-travel parameters at once (checklist 14)', async () => {
    const { c } = await client((_r, res) => ndjson(res, [], PARQUET));
    await expect(c.queryTable(ref, { version: 1, timestamp: '2024-01-01T00:00:00Z' })).rejects.toThrow(/at most one/);
    await expect(c.tableMetadata(ref, { version: 1, timestamp: '2024-01-01T00:00:00Z' })).rejects.toThrow(/not both/);
  });

  it('retries a stream cut before its EndStreamAction and then succeeds (checklist 51)', async () => {
    let n = 0;
    const { c } = await client((_r, res) => {
      n++;
      if (n === 1) return ndjson(res, [protocol, metaData, file('f1')], PARQUET);
      ndjson(res, [protocol, metaData, file('f1'), { endStreamAction: {} }], PARQUET);
    });
    expect((await c.queryTable(ref)).files.length).toBe(1);
    expect(n).toBe(2);
  });

  it('fails with the server message when EndStreamAction carries errorMessage, despite HTTP 200 (checklist 52–53)', async () => {
    const { c } = await client((_r, res) =>
      ndjson(
        res,
        [protocol, metaData, { endStreamAction: { errorMessage: 'table is being rewritten', httpStatusErrorCode: 400 } }],
        PARQUET,
      ),
    );
    const e = await failure(c.queryTable(ref));
    expect(e.message).toMatch(/table is being rewritten/);
    expect(e.serverCode).toBe('END_STREAM_ERROR');
  });

  it('reads delta-format answers: path is the URL, DV descriptor kept, format from the header (checklist 30, 34)', async () => {
    const dv = { storageType: 'i', pathOrInlineDv: 'abc', sizeInBytes: 3, cardinality: 1 };
    const { c } = await client((_r, res) =>
      ndjson(
        res,
        [
          {
            protocol: { deltaProtocol: { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['deletionVectors', 'columnMapping'] } },
          },
          {
            metaData: {
              deltaMetadata: { id: 'm', format: { provider: 'parquet' }, schemaString, partitionColumns: [], configuration: {} },
              version: 2,
            },
          },
          {
            file: {
              id: 'f1',
              deletionVectorFileId: 'dv1',
              expirationTimestamp: 99,
              deltaSingleAction: { add: { path: 'https://store/x?s=1', partitionValues: { p: '' }, size: 42, deletionVector: dv } },
            },
          },
          { endStreamAction: {} },
        ],
        { 'delta-table-version': '2', 'delta-sharing-capabilities': 'responseformat=delta;includeendstreamaction=true' },
      ),
    );
    const r = await c.queryTable(ref);
    expect(r.format).toBe('delta');
    expect(r.files[0]).toMatchObject({
      id: 'f1',
      url: 'https://store/x?s=1',
      size: 42,
      partitionValues: { p: null },
      deletionVector: dv,
      deletionVectorFileId: 'dv1',
      expirationTimestamp: 99,
    });
  });

  it('throws when delta comes back although only parquet was asked for (checklist 31)', async () => {
    const { c } = await client(
      (_r, res) =>
        ndjson(res, [protocol, metaData, { endStreamAction: {} }], {
          'delta-table-version': '1',
          'delta-sharing-capabilities': 'responseformat=delta',
        }),
      { formats: ['parquet'] },
    );
    expect((await failure(c.queryTable(ref))).message).toMatch(/delta format although only parquet/);
  });

  it('refuses reader features it lacks and a higher parquet reader version (checklist 18, 32–33)', async () => {
    const { c } = await client((req, res) => {
      if (req.url.pathname.endsWith('/metadata')) return ndjson(res, [{ protocol: { minReaderVersion: 2 } }, metaData], PLAIN);
      ndjson(
        res,
        [
          { protocol: { deltaProtocol: { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['deletionVectors', 'collations'] } } },
          metaData,
        ],
        {
          'delta-table-version': '1',
          'delta-sharing-capabilities': 'responseformat=delta',
        },
      );
    });
    const e = await failure(c.queryTable(ref));
    expect(e.serverCode).toBe('UNSUPPORTED_READER_FEATURES');
    expect(e.message).toMatch(/collations/);
    expect((await failure(c.tableMetadata(ref))).message).toMatch(/reader version 2/);
  });

  it('drops files past endingVersion and keeps historical metaData (checklist 25–26)', async () => {
    const { c } = await client((_r, res) =>
      ndjson(
        res,
        [
          protocol,
          metaData,
          { add: { ...file('a1').file, version: 1, timestamp: 1 } },
          { metaData: { ...metaData.metaData, version: 2 } },
          { remove: { ...file('r2').file, version: 2, timestamp: 2 } },
          { add: { ...file('a3').file, version: 3, timestamp: 3 } },
          { endStreamAction: {} },
        ],
        PARQUET,
      ),
    );
    const r = await c.queryTable(ref, { startingVersion: 1, endingVersion: 2 });
    expect(r.files.map((f) => `${f.kind}:${f.id}`)).toEqual(['add:a1', 'remove:r2']);
    expect(r.historicalMetadata.map((m) => m.version)).toEqual([2]);
  });

  it('metadata: exactly protocol + metaData, accessModes dir-only refused (checklist 6, 16–17)', async () => {
    const { c } = await client((req, res) => {
      if (req.url.pathname.includes('/tables/dir/')) {
        return ndjson(res, [protocol, { metaData: { ...metaData.metaData, accessModes: ['dir'] } }], PLAIN);
      }
      if (req.url.pathname.includes('/tables/three/')) return ndjson(res, [protocol, metaData, metaData], PLAIN);
      ndjson(res, [protocol, metaData], PLAIN);
    });
    const m = await c.tableMetadata(ref, { version: 3 });
    expect(m.metadata.partitionColumns).toEqual([]);
    expect((await failure(c.tableMetadata({ ...ref, table: 'dir' }))).serverCode).toBe('UNSUPPORTED_ACCESS_MODE');
    await expect(c.tableMetadata({ ...ref, table: 'three' })).rejects.toThrow(/exactly a protocol and a metaData/);
  });

  it('polls a lone queryStatus line until the result arrives (checklist 55)', async () => {
    let polls = 0;
    const { s, c } = await client((req, res) => {
      if (req.url.pathname.endsWith('/query')) return ndjson(res, [{ queryStatus: { queryId: 'q 1', status: 'pending' } }], PARQUET);
      polls++;
      ndjson(res, [protocol, metaData, file('f1'), { endStreamAction: {} }], PARQUET);
    });
    const r = await c.queryTable(ref);
    expect(r.files.map((f) => f.id)).toEqual(['f1']);
    expect(polls).toBe(1);
    expect(s.seen[1].url.pathname).toBe('/delta-sharing/shares/s/schemas/d/tables/t/queries/q%201');
  }, 10_000);

  it('checks the fileidhash echo (checklist 56)', async () => {
    const { c } = await client((_r, res) => ndjson(res, [protocol, metaData, { endStreamAction: {} }], PARQUET), { fileIdHash: 'delta' });
    await expect(c.queryTable(ref)).rejects.toThrow(/fileidhash=delta/);
  });

  it('CDF: GET /changes with inclusive versions or ISO timestamps (checklist 15, 44)', async () => {
    const { s, c } = await client((_r, res) =>
      ndjson(res, [protocol, metaData, { cdf: { ...file('c1').file, version: 2, timestamp: 5 } }], PLAIN),
    );
    const r = await c.tableChanges(ref, { startingTimestamp: '2024-01-01T00:00:00+02:00', endingVersion: 4 });
    expect(r.files[0]).toMatchObject({ kind: 'cdf', id: 'c1', version: 2 });
    expect(s.seen[0].method).toBe('GET');
    expect(s.seen[0].url.searchParams.get('startingTimestamp')).toBe('2023-12-31T22:00:00.000Z');
    expect(s.seen[0].url.searchParams.get('endingVersion')).toBe('4');
    await expect(c.tableChanges(ref, {})).rejects.toThrow(/exactly one of startingVersion/);
  });
});
