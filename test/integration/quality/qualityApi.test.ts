/**
 * `quality` in TypeScript cells and suggested expectations, in a real session: the API's figures
 * equal hand-written counts and the expectation cell's; suggestions, run as a cell, all pass on
 * the table they were made from; the history is readable from a cell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamOutput, TableOutput } from '../../../kernel/protocol';
import { parseExpectations } from '../../../common/quality/parseExpectations';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';

let s: InProcessSession;

beforeAll(async () => {
  s = await inProcessSession('silt-quality-api-');
  await s.exec(
    'sql',
    `CREATE TABLE trips AS SELECT i AS trip_id, 'T' || lpad(i::VARCHAR, 5, '0') AS code,
       CASE WHEN i % 9 = 0 THEN NULL ELSE (i % 50) * 1.25 END AS fare, (i % 50 * 0.1)::REAL AS tip,
       DATE '2026-01-01' + (i % 31)::INTEGER AS day, TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_seconds(i) AS at,
       ['cash', 'card', 'app'][i % 3 + 1] AS paid_by, CASE WHEN i % 13 = 0 THEN NULL ELSE 'x' END AS note
     FROM range(3000) t(i)`,
  );
});
afterAll(() => s?.close());

const printed = (outputs: unknown[]) =>
  outputs
    .filter((o): o is StreamOutput => (o as StreamOutput).kind === 'stream')
    .map((o) => o.text)
    .join('');
const one = async (sql: string) => Number(Object.values((await s.session.engine.query(sql))[0])[0]);

describe('quality in TypeScript', () => {
  it('quality.check returns the figures a hand-written query gives, and drops into the named table', async () => {
    const r = await s.exec(
      'typescript',
      `const r = await quality.check('trips', { cheap: 'fare < 40', paid: { condition: "paid_by <> 'app'", onViolation: 'warn' } }, { onViolation: 'drop', name: 'ok_trips' });
       console.log(JSON.stringify(r))`,
    );
    expect(r.status).toBe('ok');
    const out = JSON.parse(printed(r.outputs));
    const expensive = await one('SELECT count(*) FROM trips WHERE fare >= 40');
    const app = await one(`SELECT count(*) FROM trips WHERE paid_by = 'app'`);
    expect(out).toMatchObject({
      target: 'trips',
      rows: 3000,
      ok: false,
      valid: 'ok_trips',
      quarantine: 'ok_trips__quarantine',
      rules: [
        { rule: 'cheap', action: 'drop', rowsChecked: 3000, passed: 3000 - expensive, failed: expensive },
        { rule: 'paid', action: 'warn', rowsChecked: 3000, passed: 3000 - app, failed: app },
      ],
    });
    expect(await one('SELECT count(*) FROM ok_trips')).toBe(3000 - expensive);
  });

  it('checks data given as records without touching a table of the user’s called checked', async () => {
    await s.exec('sql', 'CREATE TABLE checked AS SELECT 42 AS keep_me');
    const r = await s.exec(
      'typescript',
      `const q = await quality.check([{ a: 1 }, { a: null }, { a: 3 }], { has_a: 'a IS NOT NULL' })\nconsole.log(q.rows, q.rules[0].failed)`,
    );
    expect(r.status, JSON.stringify(r.outputs)).toBe('ok');
    expect(printed(r.outputs).trim()).toBe('3 1');
    expect(await one('SELECT keep_me FROM checked')).toBe(42);
  });

  it('a failing FAIL UPDATE rule throws, naming it', async () => {
    const r = await s.exec('typescript', `await quality.check('trips', { has_fare: 'fare IS NOT NULL' }, { onViolation: 'fail' })`);
    expect(r.status).toBe('error');
    expect(JSON.stringify(r.outputs)).toContain('Rule \\"has_fare\\" failed on 334 rows of 3,000 rows of trips');
  });

  it('suggested rules hold on the table they were made from and cover nulls, ranges, values and uniqueness', async () => {
    const r = await s.exec('typescript', 'console.log(await quality.suggest("trips"))');
    const cell = printed(r.outputs);
    const rules = parseExpectations(cell).rules.map((x) => x.name);
    expect(rules).toEqual(
      expect.arrayContaining([
        'trip_id_not_null',
        'trip_id_range',
        'trip_id_unique',
        'code_unique',
        'fare_range',
        'tip_range',
        'day_range',
        'at_range',
        'paid_by_known',
      ]),
    );
    expect(rules).not.toContain('fare_not_null');
    const check = await s.exec('sql', cell);
    expect(check.status).toBe('ok');
    const figures = check.outputs.find((o): o is TableOutput => o.kind === 'table')!;
    expect(figures.rows.length).toBe(rules.length);
    for (const row of figures.rows) expect({ rule: row[0], failed: row[4] }).toEqual({ rule: row[0], failed: 0 });
    // The suggestions catch a change: an id and a fare beyond their ranges and a new payment kind fail.
    await s.exec(
      'sql',
      `INSERT INTO trips VALUES (5000, 'T05000', 999, 1, DATE '2026-01-01', TIMESTAMPTZ '2026-01-01 00:00:00+00', 'crypto', NULL)`,
    );
    const after = (await s.exec('sql', cell)).outputs.find((o): o is TableOutput => o.kind === 'table')!;
    expect(after.rows.filter((row) => Number(row[4]) > 0).map((row) => row[0])).toEqual(['trip_id_range', 'fare_range', 'paid_by_known']);
  });

  it('quality.history gives every check as a DataFrame', async () => {
    const r = await s.exec('typescript', `const h = await quality.history('trips'); console.log(h.shape[0], h.columns.join(','))`);
    // cheap + paid, has_fare, then the suggested rules twice
    const suggested = Number(printed(r.outputs).split(' ')[0]) - 3;
    expect(suggested % 2).toBe(0);
    expect(printed(r.outputs).trim().split(' ')[1]).toBe(
      'checked_at,target,table_version,rule,action,condition,rows_checked,passed,failed',
    );
  });
});
