/**
 * What a live table's increments go through (kernel/session/quality/checkIncrement.ts): the rules
 * of the table's last expectation cell, checked on the rows an increment adds; a failing FAIL UPDATE
 * rule holds the version back, and the figures land in the history under that version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historySql } from '../../../kernel/quality/qualityHistory';
import { checkIncrement } from '../../../kernel/session/quality/checkIncrement';
import { inProcessSession, type InProcessSession } from '../../helpers/inProcessSession';

let s: InProcessSession;

beforeAll(async () => {
  s = await inProcessSession('silt-quality-inc-');
  await s.exec('sql', 'CREATE TABLE orders AS SELECT i AS order_id, i * 2.0 AS amount FROM range(100) t(i)');
  const r = await s.exec(
    'sql',
    'EXPECT ON orders CONSTRAINT has_amount EXPECT (amount IS NOT NULL) ON VIOLATION FAIL UPDATE, CONSTRAINT small EXPECT (amount < 1000)',
  );
  expect(r.status).toBe('ok');
});
afterAll(() => s?.close());

describe('checking a live increment', () => {
  it('holds back a version whose added rows fail a FAIL UPDATE rule, naming it', async () => {
    const v = await checkIncrement(
      s.session.quality(),
      'orders',
      'SELECT * FROM (VALUES (100, 5.0), (101, NULL), (102, 2000.0)) v(order_id, amount)',
      7,
    );
    expect(v?.hold).toBe(true);
    expect(v?.message).toBe('v7 of orders is held back: rule "has_amount" failed on 1 row of the 3 rows it adds (amount IS NOT NULL).');
    expect(v?.figures.rules.map((r) => [r.name, r.checked, r.failed])).toEqual([
      ['has_amount', 3, 1],
      ['small', 3, 1],
    ]);
  });

  it('lets a good version through (a warning alone does not hold it) and records both in the history', async () => {
    const v = await checkIncrement(s.session.quality(), 'orders', 'SELECT * FROM (VALUES (103, 4000.0)) v(order_id, amount)', 8);
    expect(v).toMatchObject({ hold: false, message: null });
    const rows = await s.session.engine.query(
      `SELECT table_version, rule, failed FROM (${await historySql(s.dir)}) WHERE table_version IS NOT NULL ORDER BY 1, 2`,
    );
    expect(rows).toEqual([
      { table_version: 7n, rule: 'has_amount', failed: 1n },
      { table_version: 7n, rule: 'small', failed: 1n },
      { table_version: 8n, rule: 'has_amount', failed: 0n },
      { table_version: 8n, rule: 'small', failed: 1n },
    ]);
  });

  it('has nothing to say about a table without rules', async () => {
    expect(await checkIncrement(s.session.quality(), 'other', 'SELECT 1 AS x', 1)).toBeNull();
  });
});
