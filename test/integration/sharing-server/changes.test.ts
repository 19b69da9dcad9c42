import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA, expectedTables, Fixture, ndjson, startFixture } from './fixture';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture(['cdf-table', 'simple_table']);
});
afterAll(() => fx.close());

const cdf = expectedTables['cdf-table'].cdf;

/** add/remove actions with dataChange per version, straight from the commit files. */
function logCounts(table: string, version: number): { add: number; remove: number } {
  const file = join(DATA, table, '_delta_log', `${String(version).padStart(20, '0')}.json`);
  const actions = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return {
    add: actions.filter((a) => a.add && a.add.dataChange !== false).length,
    remove: actions.filter((a) => a.remove && a.remove.dataChange !== false).length,
  };
}

const byVersion = (lines: any[], key: string) => {
  const out: Record<number, number> = {};
  for (const l of lines) if (key in l) out[l[key].version] = (out[l[key].version] ?? 0) + 1;
  return out;
};

describe('change data feed', () => {
  it('returns cdc files where a commit has them and add files otherwise', async () => {
    const a = await ndjson(await fx.fetch(`${fx.table('cdf-table')}/changes?startingVersion=0`));
    expect(a.status).toBe(200);
    expect(a.headers.get('delta-table-version')).toBe('0');
    expect(byVersion(a.lines, 'add')).toEqual({ 0: cdf['0'].fileActions.add });
    expect(byVersion(a.lines, 'cdf')).toEqual({ 1: cdf['1'].fileActions.cdc, 2: cdf['2'].fileActions.cdc, 3: cdf['3'].fileActions.cdc });
    expect(a.lines.filter((l) => 'remove' in l)).toHaveLength(0);
    const c = a.lines.find((l) => 'cdf' in l).cdf;
    expect(c.timestamp).toBe(cdf[String(c.version)].commitInfoTimestamp);
  });

  it('honours an inclusive ending version and a starting timestamp', async () => {
    const a = await ndjson(await fx.fetch(`${fx.table('cdf-table')}/changes?startingVersion=1&endingVersion=2`));
    expect(Object.keys(byVersion(a.lines, 'cdf'))).toEqual(['1', '2']);
    const ts = new Date(cdf['2'].commitInfoTimestamp).toISOString();
    const b = await ndjson(await fx.fetch(`${fx.table('cdf-table')}/changes?startingTimestamp=${encodeURIComponent(ts)}`));
    expect(b.headers.get('delta-table-version')).toBe('2');
    expect(Object.keys(byVersion(b.lines, 'cdf'))).toEqual(['2', '3']);
  });

  it('pages with maxFiles and reaches every change', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const a = await ndjson(
        await fx.fetch(`${fx.table('cdf-table')}/changes?startingVersion=0&maxFiles=4${token ? `&pageToken=${token}` : ''}`),
      );
      seen.push(...a.lines.filter((l) => 'cdf' in l || 'add' in l).map((l) => (l.cdf ?? l.add).id));
      token = a.lines.find((l) => 'endStreamAction' in l)?.endStreamAction.nextPageToken;
    } while (token);
    expect(seen).toHaveLength(10 + 6 + 6 + 1);
  });

  it('wraps changes as deltaSingleAction add/cdc in delta format', async () => {
    const a = await ndjson(
      await fx.fetch(`${fx.table('cdf-table')}/changes?startingVersion=0&endingVersion=1`, { capabilities: 'responseformat=delta' }),
    );
    expect(a.headers.get('delta-sharing-capabilities')).toBe('responseformat=delta');
    expect(a.lines[0].protocol.deltaProtocol.minReaderVersion).toBe(1);
    const wrapped = a.lines.filter((l) => 'file' in l).map((l) => l.file);
    const kinds = wrapped.map((f) => `${f.version}:${Object.keys(f.deltaSingleAction)[0]}`);
    expect(kinds.filter((k) => k === '0:add')).toHaveLength(cdf['0'].fileActions.add);
    expect(kinds.filter((k) => k === '1:cdc')).toHaveLength(cdf['1'].fileActions.cdc);
    expect(kinds).toHaveLength(cdf['0'].fileActions.add + cdf['1'].fileActions.cdc);
    const cdc = wrapped.find((f) => f.deltaSingleAction.cdc).deltaSingleAction.cdc;
    expect((await fetch(cdc.path)).status).toBe(200);
  });

  it('refuses tables without the change data feed and requests without a start', async () => {
    const off = await ndjson(await fx.fetch(`${fx.table('simple_table')}/changes?startingVersion=0`));
    expect(off.status).toBe(400);
    expect(off.error!.message).toMatch(/change data feed is not enabled/);
    const none = await ndjson(await fx.fetch(`${fx.table('cdf-table')}/changes`));
    expect(none.status).toBe(400);
  });
});

describe('streaming query (startingVersion)', () => {
  it('returns add and remove actions per version, as the log has them', async () => {
    const a = await fx.query('simple_table', { startingVersion: 1, endingVersion: 3 });
    expect(a.status).toBe(200);
    expect(a.headers.get('delta-table-version')).toBe('1');
    const adds = byVersion(a.lines, 'add');
    const removes = byVersion(a.lines, 'remove');
    for (const v of [1, 2, 3]) {
      const want = logCounts('simple_table', v);
      expect([adds[v] ?? 0, removes[v] ?? 0]).toEqual([want.add, want.remove]);
    }
    expect(a.lines.some((l) => 'cdf' in l)).toBe(false);
  });
});
