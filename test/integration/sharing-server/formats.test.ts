import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA, expectedTables, files, Fixture, startFixture } from './fixture';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture(['table-with-dv-small', 'table-with-columnmapping-mode-name', 'simple_table', 'cdf-table-with-dv']);
});
afterAll(() => fx.close());

const DELTA_CAPS = 'responseformat=delta;readerfeatures=deletionvectors,columnmapping';

describe('delta response format', () => {
  it('returns the deletion vector as a signed storageType "p" URL to the real DV bytes', async () => {
    const a = await fx.query('table-with-dv-small', {}, DELTA_CAPS);
    expect(a.status).toBe(200);
    expect(a.headers.get('delta-sharing-capabilities')).toBe('responseformat=delta');
    expect(a.lines[0].protocol.deltaProtocol).toMatchObject({ minReaderVersion: 3, readerFeatures: ['deletionVectors'] });
    expect(a.lines[1].metaData.deltaMetadata.id).toBe('testId');
    const fs = files(a);
    expect(fs).toHaveLength(1);
    const add = fs[0].deltaSingleAction.add;
    expect(add.path).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/delta-sharing\/files\//);
    const dv = add.deletionVector;
    expect(dv.storageType).toBe('p');
    expect(dv.cardinality).toBe(expectedTables['table-with-dv-small'].versions['1'].dvCardinality);
    expect(fs[0].deletionVectorFileId).toBeTruthy();

    // The DV frame at `offset`: 4-byte big-endian length = sizeInBytes, then the payload's magic.
    const res = await fetch(dv.pathOrInlineDv, { headers: { Range: `bytes=${dv.offset}-${dv.offset + 4 + dv.sizeInBytes + 3}` } });
    expect(res.status).toBe(206);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.readUInt32BE(0)).toBe(dv.sizeInBytes);
    expect(bytes.readUInt32LE(4)).toBe(1681511377);
  });

  it('keeps inline deletion vectors inline (storageType "i", the log\'s own payload)', async () => {
    const log = readFileSync(join(DATA, 'cdf-table-with-dv', '_delta_log', '00000000000000000003.json'), 'utf8');
    const inline = log
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((a) => a.add?.deletionVector)!.add.deletionVector;
    expect(inline.storageType).toBe('i');
    const a = await fx.query('cdf-table-with-dv', { version: 3 }, DELTA_CAPS);
    const dvs = files(a)
      .map((f) => f.deltaSingleAction.add.deletionVector)
      .filter(Boolean);
    expect(dvs).toEqual([inline]);
  });

  it('refuses a DV table in parquet format with a clear error', async () => {
    const a = await fx.query('table-with-dv-small', {});
    expect(a.status).toBe(400);
    expect(a.error!.errorCode).toBe('UNSUPPORTED_OPERATION');
    expect(a.error!.message).toMatch(/deletionvectors/);
  });

  it('refuses column mapping in parquet format and serves it in delta format', async () => {
    const parquet = await fx.query('table-with-columnmapping-mode-name', {});
    expect(parquet.status).toBe(400);
    expect(parquet.error!.message).toMatch(/columnmapping/);
    const delta = await fx.query('table-with-columnmapping-mode-name', {}, DELTA_CAPS);
    expect(delta.status).toBe(200);
    expect(files(delta)).toHaveLength(expectedTables['table-with-columnmapping-mode-name'].versions['0'].numFiles);
  });

  it("refuses delta format when the client does not declare the table's reader features", async () => {
    const a = await fx.query('table-with-dv-small', {}, 'responseformat=delta');
    expect(a.status).toBe(400);
    expect(a.error!.message).toMatch(/deletionvectors/);
  });

  it('answers parquet when both formats are accepted and the table needs none', async () => {
    const a = await fx.query('simple_table', {}, 'responseformat=delta,parquet');
    expect(a.headers.get('delta-sharing-capabilities')).toBe('responseformat=parquet');
    expect(a.lines[0]).toEqual({ protocol: { minReaderVersion: 1 } });
    const dv = await fx.query('table-with-dv-small', {}, 'responseformat=delta,parquet;readerfeatures=deletionvectors');
    expect(dv.headers.get('delta-sharing-capabilities')).toBe('responseformat=delta');
  });

  it('serves file bytes with Range through the signed URL', async () => {
    const fs = files(await fx.query('simple_table', { version: 0 }));
    const f = fs[0];
    const local = readFileSync(join(DATA, 'simple_table', decodeURIComponent(new URL(f.url).pathname.split('/').pop()!)));
    const whole = await fetch(f.url);
    expect(Buffer.from(await whole.arrayBuffer()).equals(local)).toBe(true);
    const part = await fetch(f.url, { headers: { Range: 'bytes=4-11' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 4-11/${local.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(local.subarray(4, 12))).toBe(true);
    const tail = await fetch(f.url, { headers: { Range: 'bytes=-4' } });
    expect(Buffer.from(await tail.arrayBuffer()).toString()).toBe('PAR1');
  });

  it('refuses tampered URLs with 403', async () => {
    const f = files(await fx.query('simple_table', { version: 0 }))[0];
    const u = new URL(f.url);
    const forgedPath = new URL(f.url);
    forgedPath.pathname = forgedPath.pathname.replace(/files\/[^/]+/, `files/${Buffer.from('/etc/passwd').toString('base64url')}`);
    const laterExpiry = new URL(f.url);
    laterExpiry.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 1000));
    const noSig = new URL(f.url);
    noSig.searchParams.delete('signature');
    for (const bad of [forgedPath, laterExpiry, noSig]) {
      const res = await fetch(bad);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { errorCode: string }).errorCode).toBe('PERMISSION_DENIED');
    }
  });
});

describe('expiring URLs', () => {
  it('refuses a URL after its expiry with 403', async () => {
    const short = await startFixture(['simple_table'], { urlExpirySeconds: 1 });
    try {
      const f = files(await short.query('simple_table', {}))[0];
      expect(f.expirationTimestamp).toBeLessThanOrEqual(Date.now() + 1000);
      expect((await fetch(f.url)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1100));
      const res = await fetch(f.url);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { message: string }).message).toMatch(/expired/);
    } finally {
      await short.close();
    }
  });
});
