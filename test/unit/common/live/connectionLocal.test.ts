import { describe, expect, it } from 'vitest';
import { connectionLocalCells } from '../../../../common/live/connectionLocal';
import { planLiveRuns, type LiveCell } from '../../../../common/live/planLiveRuns';
import { splitLivePlan } from '../../../../common/live/splitLivePlan';

const sql = (id: string, code: string, name?: string): LiveCell => ({ id, language: 'sql', code, ...(name ? { name } : {}) });
const ts = (id: string, code: string): LiveCell => ({ id, language: 'typescript', code });

const LIVE = 'lab.s.orders';
const cells = [
  sql('rates', `CREATE OR REPLACE TEMP TABLE fx AS SELECT 'EUR' AS cur, 1.1 AS rate`),
  sql('macro', `CREATE TEMPORARY MACRO net(x) AS x * 0.8`),
  sql('long', `SELECT sum(hash(o.id, r.i)) FROM ${LIVE} o, range(100) r(i)`),
  sql('converted', `SELECT sum(o.amount * fx.rate) AS total FROM ${LIVE} o JOIN fx ON o.cur = fx.cur`),
  sql('netted', `SELECT net(sum(amount)) AS net FROM ${LIVE}`),
  sql('plain', `SELECT count(*) AS n FROM ${LIVE}`),
  sql('tokyo', `SET TimeZone = 'Asia/Tokyo'; SELECT max(placed_at)::VARCHAR FROM ${LIVE}`),
  sql('recent', `CREATE TEMP VIEW "Recent Orders" AS SELECT * FROM ${LIVE} WHERE id > 10`),
  ts('viaTs', `const df = await sql\`SELECT * FROM "Recent Orders"\`; df.shape`),
  ts('tsMakes', `await query('CREATE TEMP TABLE scratch AS SELECT 1'); const n = ${JSON.stringify(LIVE)}`),
  ts('tsSets', `await query("SET TimeZone = 'UTC'"); const m = await sql\`SELECT max(id) FROM ${LIVE}\``),
];

describe('connectionLocalCells: re-runs that must use the user’s connection', () => {
  it('names the cells that read or make a TEMP object, or change settings, and says why', () => {
    const local = connectionLocalCells(cells);
    expect([...local.keys()].sort()).toEqual(
      ['converted', 'macro', 'netted', 'rates', 'recent', 'tokyo', 'tsMakes', 'tsSets', 'viaTs'].sort(),
    );
    expect(local.get('converted')).toContain('reads the TEMP object fx');
    expect(local.get('netted')).toContain('reads the TEMP object net');
    expect(local.get('viaTs')).toContain('reads the TEMP object Recent Orders');
    expect(local.get('rates')).toContain('makes the TEMP object fx');
    expect(local.get('tokyo')).toContain('SET or USE');
    expect(local.get('tsSets')).toContain('SET or USE');
  });

  it('a notebook without TEMP objects or settings has none', () => {
    expect(connectionLocalCells([cells[2], cells[5], sql('table', `CREATE TABLE fx AS SELECT 1`)]).size).toBe(0);
  });
});

describe('splitLivePlan with connection-local cells', () => {
  it('while the long cell runs, the cells reading TEMP objects or setting options wait; the plain one runs beside it', () => {
    const plan = planLiveRuns(cells, [LIVE]);
    expect(plan).toEqual(['long', 'converted', 'netted', 'plain', 'tokyo', 'recent', 'viaTs', 'tsMakes', 'tsSets']);
    expect(splitLivePlan(cells, plan, ['long'])).toEqual({
      now: ['plain'],
      later: ['long', 'converted', 'netted', 'tokyo', 'recent', 'viaTs', 'tsMakes', 'tsSets'],
    });
  });

  it('with nothing running, the whole plan runs now, in the user’s lane', () => {
    const plan = planLiveRuns(cells, [LIVE]);
    expect(splitLivePlan(cells, plan, [])).toEqual({ now: plan, later: [] });
  });
});
