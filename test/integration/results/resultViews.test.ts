/**
 * result.view, result.topValues and result.profile through a real Session and real DuckDB: sorted and
 * filtered pages of the whole result (not the first page), views replaced rather than piling up,
 * clear errors for bad columns and values, and a profile that agrees with DuckDB's own SUMMARIZE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../kernel/session/Session';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';
import { sessionHandlers } from '../../../kernel/session/sessionHandlers';
import type { TableOutput } from '../../../kernel/protocol';
import type { ColumnFilter, SortKey } from '../../../kernel/protocol/results';

let opened: InProcessSession;
let session: Session;
let base: TableOutput;
const N = 50_000;

beforeAll(async () => {
  opened = await inProcessSession('silt-results-');
  session = opened.session;
  const r = await opened.exec(
    'sql',
    `SELECT i AS id, CASE WHEN i % 10 = 0 THEN NULL ELSE (i * 7919) % 1000 END AS score,
            'city ' || (i % 13) AS "odd ""name""", (i * 1000000000007)::HUGEINT AS big,
            DATE '2020-01-01' + (i % 400)::INTEGER AS day
     FROM range(${N}) t(i)`,
  );
  expect(r.status, JSON.stringify(r.outputs)).toBe('ok');
  base = r.outputs[0] as TableOutput;
});
afterAll(() => opened?.close());

const view = (sort: SortKey[], filters: ColumnFilter[] = [], handle = base.handle!) =>
  sessionHandlers['result.view'](session, { handle, sort, filters } as never);
const page = (handle: string, offset: number, limit: number) =>
  sessionHandlers['result.page'](session, { handle, offset, limit } as never).then((r) => r.rows);
const duck = async (sql: string) => (await session.engine.connection.runAndReadAll(sql)).getRowsJson();

describe('result.view', () => {
  it('sorts the whole result descending with nulls last, and pages far past the first page', async () => {
    const v = await view([{ column: 'score', desc: true }]);
    expect(v.rowCount).toBe(N);
    expect(v.handle).not.toBe(base.handle);
    const first = await page(v.handle, 0, 3);
    expect(first.map((r) => r[1])).toEqual(['999', '999', '999']);
    // Equal scores keep the result's order (id ascending).
    expect(first.map((r) => Number(r[0]))).toEqual(first.map((r) => Number(r[0])).sort((a, b) => a - b));
    // Deep pages (beyond the top-N reads) come from the sorted view: the last rows are the NULL scores.
    const tail = await page(v.handle, N - 5, 5);
    expect(tail.map((r) => r[1])).toEqual([null, null, null, null, null]);
    const nonNull = N - N / 10;
    const edge = await page(v.handle, nonNull - 1, 2);
    expect(edge.map((r) => r[1])).toEqual(['1', null]);
  });

  it('sorts by a secondary key within equal primary keys', async () => {
    const v = await view([
      { column: 'odd "name"', desc: false },
      { column: 'id', desc: true },
    ]);
    const rows = await page(v.handle, 0, 3);
    expect(rows.map((r) => r[2])).toEqual(['city 0', 'city 0', 'city 0']);
    const expected = await duck(`SELECT id FROM range(${N}) t(id) WHERE id % 13 = 0 ORDER BY id DESC LIMIT 3`);
    expect(rows.map((r) => String(r[0]))).toEqual(expected.map((r) => String(r[0])));
  });

  it('filters with each operator and counts the matching rows of the whole result', async () => {
    const count = async (f: ColumnFilter) => (await view([], [f])).rowCount;
    expect(await count({ column: 'score', op: 'null' })).toBe(N / 10);
    expect(await count({ column: 'score', op: 'notnull' })).toBe(N - N / 10);
    expect(await count({ column: 'odd "name"', op: 'contains', value: 'CITY 1' })).toBe(
      Number((await duck(`SELECT count(*) FROM range(${N}) t(i) WHERE ('city ' || (i % 13)) LIKE '%city 1%'`))[0][0]),
    );
    expect(await count({ column: 'id', op: 'lt', value: '100' })).toBe(100);
    expect(await count({ column: 'id', op: 'le', value: '100' })).toBe(101);
    expect(await count({ column: 'id', op: 'ge', value: '49990' })).toBe(10);
    expect(await count({ column: 'id', op: 'gt', value: '49990' })).toBe(9);
    expect(await count({ column: 'id', op: 'eq', value: '7' })).toBe(1);
    expect(await count({ column: 'id', op: 'ne', value: '7' })).toBe(N - 1);
    expect(await count({ column: 'day', op: 'between', value: '2020-01-01', value2: '2020-01-10' })).toBe(
      Number((await duck(`SELECT count(*) FROM range(${N}) t(i) WHERE i % 400 < 10`))[0][0]),
    );
    // A quote in the value is data, not SQL.
    expect(await count({ column: 'odd "name"', op: 'eq', value: "x' OR '1'='1" })).toBe(0);
  });

  it('keeps exact digits of HUGEINT values in pages', async () => {
    const v = await view([{ column: 'big', desc: true }]);
    const [row] = await page(v.handle, 0, 1);
    expect(row[3]).toBe(String(BigInt(N - 1) * 1000000000007n));
  });

  it('drops the previous view of a result when a new one is made, and no sort or filter is the result itself', async () => {
    const a = await view([{ column: 'id', desc: true }]);
    await page(a.handle, 20_000, 10); // materialises the view into a table
    const tables = async () => Number((await duck(`SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '__silt_view_%'`))[0][0]);
    expect(await tables()).toBe(1);
    const b = await view([{ column: 'id', desc: false }]);
    expect(await tables()).toBe(0);
    await expect(page(a.handle, 0, 1)).rejects.toMatchObject({ code: 'not-found' });
    expect((await page(b.handle, 0, 1))[0][0]).toBe('0');
    const none = await view([]);
    expect(none).toEqual({ handle: base.handle, rowCount: N });
  });

  it('refuses an unknown column, a value that does not fit, and an unknown handle, with clear errors', async () => {
    await expect(view([{ column: 'nope', desc: false }])).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringContaining('"nope"'),
    });
    await expect(view([], [{ column: 'id', op: 'eq', value: 'abc' }])).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringContaining('abc'),
    });
    await expect(view([], [{ column: 'id', op: 'between', value: '1' }])).rejects.toMatchObject({ code: 'bad-request' });
    await expect(view([], [], '__silt_result_gone')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('sorts a result a TypeScript cell displayed (held in memory) after materialising it', async () => {
    const r = await opened.exec('typescript', `[{ a: 3, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: null }]`);
    const out = r.outputs.find((o) => o.kind === 'table') as TableOutput;
    const v = await view([{ column: 'a', desc: false }], [], out.handle!);
    expect((await page(v.handle, 0, 10)).map((row) => Number(row[0]))).toEqual([1, 2, 3]);
  });
});

describe('result.topValues', () => {
  it('lists the most frequent values with their counts, NULL included', async () => {
    const { values } = await sessionHandlers['result.topValues'](session, { handle: base.handle!, column: 'score' } as never);
    expect(values[0]).toEqual({ value: null, count: N / 10 });
    expect(values).toHaveLength(10);
    const expected = await duck(
      `SELECT score::VARCHAR, count(*) FROM (SELECT CASE WHEN i % 10 = 0 THEN NULL ELSE (i * 7919) % 1000 END AS score FROM range(${N}) t(i)) GROUP BY score ORDER BY 2 DESC, score NULLS LAST LIMIT 10`,
    );
    expect(values.map((v) => [v.value, v.count])).toEqual(expected.map((r) => [r[0], Number(r[1])]));
  });
});

describe('result.profile', () => {
  it('agrees with DuckDB SUMMARIZE of the same result', async () => {
    const profile = await sessionHandlers['result.profile'](session, { handle: base.handle! } as never);
    const table = session.engine.tableOf(base.handle!);
    const summary = await duck(
      `SELECT column_name, column_type, min, max, approx_unique, avg, null_percentage FROM (SUMMARIZE SELECT * FROM "${table}")`,
    );
    expect(profile.rowCount).toBe(N);
    expect(profile.columns.map((c) => c.name)).toEqual(summary.map((r) => r[0]));
    const exactDistinct = (
      await duck(`SELECT ${summary.map((r) => `count(DISTINCT "${String(r[0]).replace(/"/g, '""')}")`).join(', ')} FROM "${table}"`)
    )[0].map(Number);
    for (const [i, col] of profile.columns.entries()) {
      const [, type, min, max, , avg, nullPct] = summary[i];
      expect(col.type).toBe(type);
      expect(col.min).toBe(min);
      expect(col.max).toBe(max);
      // 50,000 rows: counted exactly (SUMMARIZE's approx_unique is the estimate shown past a million rows).
      expect(col.distinctExact).toBe(true);
      expect(col.approxDistinct).toBe(exactDistinct[i]);
      expect(col.nullPercent.toFixed(2)).toBe(Number(nullPct).toFixed(2));
      // Both are doubles summed in a different order: equal to 12 significant digits.
      if (col.kind === 'numeric') expect(Math.abs(col.mean! - Number(avg)) / Math.max(1, Math.abs(Number(avg)))).toBeLessThan(1e-12);
    }
    const score = profile.columns[1];
    expect(score.histogram!.reduce((a, b) => a + b.count, 0)).toBe(N - N / 10);
    expect(score.histogram!.length).toBe(16);
    const city = profile.columns[2];
    expect(city.top!.length).toBe(5);
    expect(city.top![0].count).toBe(Math.ceil(N / 13));
    const day = profile.columns[4];
    expect(day.kind).toBe('temporal');
    expect(day.histogram!.reduce((a, b) => a + b.count, 0)).toBe(N);
  });
});

describe('result.profile of unusual results', () => {
  it('profiles nested, boolean and empty results without failing', async () => {
    const r = await opened.exec(
      'sql',
      `SELECT [i, i + 1] AS l, {'a': i} AS st, MAP {'k': i} AS m, i % 2 = 0 AS even, NULL::VARCHAR AS nothing FROM range(10) t(i)`,
    );
    const handle = (r.outputs[0] as TableOutput).handle!;
    const p = await sessionHandlers['result.profile'](session, { handle } as never);
    expect(p.columns.map((c) => [c.name, c.nulls, c.approxDistinct])).toEqual([
      ['l', 0, 10],
      ['st', 0, 10],
      ['m', 0, 10],
      ['even', 0, 2],
      ['nothing', 10, 0],
    ]);
    expect(p.columns[3].top).toEqual([
      { value: 'false', count: 5 },
      { value: 'true', count: 5 },
    ]);
    const empty = await opened.exec('sql', 'SELECT 1 AS x WHERE false');
    const e = await sessionHandlers['result.profile'](session, { handle: (empty.outputs[0] as TableOutput).handle! } as never);
    expect(e).toEqual({
      rowCount: 0,
      columns: [
        {
          name: 'x',
          type: 'INTEGER',
          kind: 'numeric',
          nulls: 0,
          nullPercent: 0,
          approxDistinct: 0,
          distinctExact: true,
          min: null,
          max: null,
          mean: null,
          top: [],
        },
      ],
    });
  });
});

describe('result.view params', () => {
  it('refuses an unknown filter operator and a missing sort direction before they reach the session', async () => {
    const { parseRequest } = await import('../../../kernel/protocol');
    const send = (params: object) => () => parseRequest(JSON.stringify({ kind: 'request', id: 1, type: 'result.view', params }));
    expect(send({ sessionId: 's', handle: 'h', sort: [], filters: [{ column: 'a', op: 'like', value: 'x' }] })).toThrow(
      expect.objectContaining({ code: 'bad-request', message: expect.stringContaining('filter operator') }),
    );
    expect(send({ sessionId: 's', handle: 'h', sort: [{ column: 'a' }], filters: [] })).toThrow(
      expect.objectContaining({ code: 'bad-request' }),
    );
    expect(send({ sessionId: 's', handle: 'h', sort: [{ column: 'a', desc: true }], filters: [] })()).toMatchObject({
      type: 'result.view',
    });
  });
});
