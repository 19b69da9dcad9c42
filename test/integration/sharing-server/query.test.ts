import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedTables, files, Fixture, ndjson, startFixture } from './fixture';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture(['simple_table', 'cdf-table']);
});
afterAll(() => fx.close());

const simple = expectedTables['simple_table'];
const cdf = expectedTables['cdf-table'];
const names = (fs: any[]) => fs.map((f) => decodeURIComponent(new URL(f.url).pathname.split('/').pop()!)).sort();
const expectedNames = (t: any, v: number) => t.versions[String(v)].files.map((f: any) => f.path).sort();

describe('version and metadata', () => {
  it('reports the latest version in a header', async () => {
    const res = await fx.fetch(`${fx.table('simple_table')}/version`);
    expect(res.status).toBe(200);
    expect(res.headers.get('delta-table-version')).toBe(String(simple.latestVersion));
  });

  it('finds the first version at or after startingTimestamp', async () => {
    const t2 = simple.versions['2'].commitInfoTimestamp;
    const at = async (ms: number) =>
      (
        await fx.fetch(`${fx.table('simple_table')}/version?startingTimestamp=${encodeURIComponent(new Date(ms).toISOString())}`)
      ).headers.get('delta-table-version');
    expect(await at(t2)).toBe('2');
    expect(await at(t2 - 1000)).toBe('2');
    expect(await at(0)).toBe('0');
  });

  it('returns exactly protocol and metaData, at the latest version and at version 0', async () => {
    const latest = await ndjson(await fx.fetch(`${fx.table('cdf-table')}/metadata`));
    expect(latest.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(latest.headers.get('delta-table-version')).toBe('3');
    expect(latest.lines).toHaveLength(2);
    expect(latest.lines[0]).toEqual({ protocol: { minReaderVersion: 1 } });
    expect(latest.lines[1].metaData.id).toBe(cdf.versions['3'].metadata.id);
    expect(latest.lines[1].metaData.partitionColumns).toEqual(['birthday']);
    expect(latest.lines[1].metaData.numFiles).toBe(cdf.versions['3'].numFiles);
    const v0 = await ndjson(await fx.fetch(`${fx.table('cdf-table')}/metadata?version=0`));
    expect(v0.headers.get('delta-table-version')).toBe('0');
    expect(v0.lines[1].metaData.numFiles).toBe(cdf.versions['0'].numFiles);
  });
});

describe('snapshot query', () => {
  it.each([0, 1, 2, 4])('returns the files of simple_table at version %i', async (v) => {
    const a = await fx.query('simple_table', { version: v });
    expect(a.status).toBe(200);
    expect(a.headers.get('delta-table-version')).toBe(String(v));
    expect(a.lines[0]).toHaveProperty('protocol');
    expect(a.lines[1]).toHaveProperty('metaData');
    const fs = files(a);
    expect(names(fs)).toEqual(expectedNames(simple, v));
    expect(fs.reduce((s, f) => s + f.size, 0)).toBe(simple.versions[String(v)].sizeBytes);
  });

  it('answers the latest version without time travel and the version for a timestamp', async () => {
    const latest = await fx.query('simple_table', {});
    expect(latest.headers.get('delta-table-version')).toBe('4');
    expect(names(files(latest))).toEqual(expectedNames(simple, 4));
    const t1 = new Date(simple.versions['1'].commitInfoTimestamp + 500).toISOString();
    const at = await fx.query('simple_table', { timestamp: t1 });
    expect(at.headers.get('delta-table-version')).toBe('1');
    expect(files(at)).toHaveLength(simple.versions['1'].numFiles);
  });

  it('gives each file a stable id that survives a new URL', async () => {
    const a = files(await fx.query('simple_table', { version: 4 }));
    const b = files(await fx.query('simple_table', { version: 4 }));
    expect(a.map((f) => f.id).sort()).toEqual(b.map((f) => f.id).sort());
    expect(new Set(a.map((f) => f.id)).size).toBe(a.length);
    expect(a[0].expirationTimestamp).toBeGreaterThan(Date.now() + 3500_000);
  });
});

describe('predicate hints and limits', () => {
  const birthday = (value: string) =>
    JSON.stringify({
      op: 'equal',
      children: [
        { op: 'column', name: 'birthday', valueType: 'date' },
        { op: 'literal', value, valueType: 'date' },
      ],
    });

  it('prunes cdf-table partitions by birthday', async () => {
    const fs = files(await fx.query('cdf-table', { version: 0, jsonPredicateHints: birthday('2023-12-23') }));
    const want = cdf.versions['0'].files.filter((f: any) => f.partitionValues.birthday === '2023-12-23').length;
    expect(want).toBe(3);
    expect(fs).toHaveLength(want);
    expect(fs.every((f) => f.partitionValues.birthday === '2023-12-23')).toBe(true);
  });

  it('prunes on data-column stats (id >= 9 at version 0 holds in 2 one-row files)', async () => {
    const pred = {
      op: 'greaterThanOrEqual',
      children: [
        { op: 'column', name: 'id', valueType: 'int' },
        { op: 'literal', value: '9', valueType: 'int' },
      ],
    };
    const fs = files(await fx.query('cdf-table', { version: 0, jsonPredicateHints: JSON.stringify(pred) }));
    expect(fs).toHaveLength(2);
    const ids = fs.map((f) => JSON.parse(f.stats).minValues.id).sort();
    expect(ids).toEqual([10, 9].sort());
  });

  it('combines or/not over partitions', async () => {
    const pred = {
      op: 'not',
      children: [{ op: 'or', children: [JSON.parse(birthday('2023-12-23')), JSON.parse(birthday('2023-12-24'))] }],
    };
    const fs = files(await fx.query('cdf-table', { version: 0, jsonPredicateHints: JSON.stringify(pred) }));
    expect(fs.map((f) => f.partitionValues.birthday).sort()).toEqual(['2023-12-22', '2023-12-25', '2023-12-25', '2023-12-25']);
  });

  it('ignores a predicate it cannot read and returns every file', async () => {
    for (const hint of ['{not json', JSON.stringify({ op: 'like', children: [] })]) {
      const a = await fx.query('cdf-table', { version: 0, jsonPredicateHints: hint });
      expect(a.status).toBe(200);
      expect(files(a)).toHaveLength(10);
    }
  });

  it('stops once limitHint rows are covered by numRecords', async () => {
    const fs = files(await fx.query('cdf-table', { version: 0, limitHint: 3 }));
    expect(fs).toHaveLength(3); // one row per file at version 0
  });
});

describe('paging', () => {
  it('yields the same files over maxFiles pages as in one answer', async () => {
    const whole = files(await fx.query('simple_table', { version: 1 }));
    const paged: any[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const a = await fx.query(
        'simple_table',
        { version: 1, maxFiles: 5, ...(pageToken ? { pageToken } : {}) },
        'includeendstreamaction=true',
      );
      expect(a.headers.get('delta-sharing-capabilities')).toBe('responseformat=parquet;includeendstreamaction=true');
      const last = a.lines[a.lines.length - 1];
      expect(last).toHaveProperty('endStreamAction');
      expect(last.endStreamAction.minUrlExpirationTimestamp).toBeGreaterThan(Date.now());
      paged.push(...files(a));
      pageToken = last.endStreamAction.nextPageToken;
      pages++;
    } while (pageToken);
    expect(pages).toBe(Math.ceil(simple.versions['1'].numFiles / 5));
    expect(paged.map((f) => f.id).sort()).toEqual(whole.map((f) => f.id).sort());
  });

  it('refuses a page token with changed parameters', async () => {
    const first = await fx.query('simple_table', { version: 1, maxFiles: 5 });
    const token = first.lines[first.lines.length - 1].endStreamAction.nextPageToken;
    const a = await fx.query('simple_table', { version: 1, maxFiles: 5, limitHint: 1, pageToken: token });
    expect(a.status).toBe(400);
    expect(a.error!.errorCode).toBe('INVALID_PARAMETER_VALUE');
  });

  it('hands out a refresh token that returns the same file set', async () => {
    const first = await fx.query('simple_table', { includeRefreshToken: true });
    const refreshToken = first.lines[first.lines.length - 1].endStreamAction.refreshToken;
    expect(refreshToken).toBeTruthy();
    const again = await fx.query('simple_table', { refreshToken });
    expect(again.headers.get('delta-table-version')).toBe('4');
    expect(
      files(again)
        .map((f) => f.id)
        .sort(),
    ).toEqual(
      files(first)
        .map((f) => f.id)
        .sort(),
    );
  });
});
