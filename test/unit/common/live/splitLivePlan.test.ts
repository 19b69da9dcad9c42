import { describe, expect, it } from 'vitest';
import { planLiveRuns, type LiveCell } from '../../../../common/live/planLiveRuns';
import { splitLivePlan } from '../../../../common/live/splitLivePlan';

const sql = (id: string, code: string, name?: string): LiveCell => ({ id, language: 'sql', code, ...(name ? { name } : {}) });
const ts = (id: string, code: string): LiveCell => ({ id, language: 'typescript', code });

const LIVE = 'lab.s.events';
const cells = [
  sql('sales', `SELECT region, sum(amount) AS total FROM ${LIVE} GROUP BY region`, 'sales'),
  sql('long', `SELECT sum(hash(e.id, r.i)) FROM ${LIVE} e, range(100) r(i)`, 'big'),
  sql('onBig', 'SELECT * FROM big'),
  ts('chart', 'const top = sales.head(3)'),
  ts('fromTop', 'display(top)'),
  sql('other', 'SELECT 42'),
];

describe('splitLivePlan: which live re-runs go beside the running cell and which wait for it', () => {
  it('with nothing running, the whole plan runs now', () => {
    const plan = planLiveRuns(cells, [LIVE]);
    expect(splitLivePlan(cells, plan, [])).toEqual({ now: plan, later: [] });
  });

  it('the running cell and what reads its result wait; cells independent of it run now', () => {
    const plan = planLiveRuns(cells, [LIVE]);
    expect(plan).toEqual(['sales', 'long', 'onBig', 'chart', 'fromTop']);
    expect(splitLivePlan(cells, plan, ['long'])).toEqual({ now: ['sales', 'chart', 'fromTop'], later: ['long', 'onBig'] });
  });

  it('a chain through TypeScript variables waits as a whole when its head depends on the running cell', () => {
    const plan = planLiveRuns(cells, [LIVE]);
    // `sales` is running: the chart that reads it, and the cell that reads the chart's `top`, wait.
    expect(splitLivePlan(cells, plan, ['sales'])).toEqual({ now: ['long', 'onBig'], later: ['sales', 'chart', 'fromTop'] });
  });

  it('a running cell outside the plan holds back only the plan cells that read what it defines', () => {
    const withVar = [...cells, ts('setup', 'const threshold = 10'), ts('usesVar', `const n = threshold; sales`)];
    const plan = planLiveRuns(withVar, [LIVE]);
    const { now, later } = splitLivePlan(withVar, plan, ['setup']);
    expect(later).toEqual(['usesVar']);
    expect(now).toEqual(plan.filter((id) => id !== 'usesVar'));
  });

  it('a plan cell that redefines what the running cell reads waits, so the running cell sees one value throughout', () => {
    const reader = [...cells, ts('report', 'const s = sales.head(1); await sql`SELECT 1`; s')];
    const plan = planLiveRuns(reader, [LIVE]);
    // `report` runs; `sales` (which it reads) and what reads `sales` wait; `long` and `onBig` do not.
    expect(splitLivePlan(reader, plan, ['report'])).toEqual({ now: ['long', 'onBig'], later: ['sales', 'chart', 'fromTop', 'report'] });
  });

  it('names match case-insensitively, as SQL names do', () => {
    const mixed = [sql('a', `SELECT * FROM ${LIVE}`, 'Totals'), sql('b', `SELECT * FROM ${LIVE} JOIN TOTALS USING (id)`)];
    expect(splitLivePlan(mixed, ['a', 'b'], ['a'])).toEqual({ now: [], later: ['a', 'b'] });
  });
});
