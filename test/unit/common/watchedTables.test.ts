import { describe, expect, it } from 'vitest';
import { tableDependents, watchedTables } from '../../../common/live/watchedTables';
import type { LiveCell } from '../../../common/live/planLiveRuns';

const sql = (id: string, code: string, extra: Partial<LiveCell> = {}): LiveCell => ({ id, language: 'sql', code, ...extra });
const refs = { a: ['lab.s.orders'], b: ['lab.s.customers'], c: ['lab.s.refunds'] };

describe('watchedTables', () => {
  it('follows only the tables of cells marked live when the notebook has any', () => {
    const cells = [sql('a', 'SELECT 1', { live: 'auto' }), sql('b', 'SELECT 2'), sql('c', 'SELECT 3')];
    expect(watchedTables(cells, refs)).toEqual(['lab.s.orders']);
  });

  it('follows every table a cell names when none is marked, leaving out manual cells', () => {
    const cells = [sql('a', 'SELECT 1'), sql('b', 'SELECT 2', { live: 'manual' }), sql('c', 'SELECT 3')];
    expect(watchedTables(cells, refs)).toEqual(['lab.s.orders', 'lab.s.refunds']);
  });
});

describe('tableDependents', () => {
  it('names, for each cell, the tables it depends on through the cells above it', () => {
    const cells = [
      sql('a', 'SELECT * FROM lab.s.orders', { name: 'o' }),
      sql('b', 'SELECT count(*) FROM o'),
      sql('c', 'SELECT * FROM lab.s.refunds JOIN o USING (id)'),
      sql('d', 'SELECT 42'),
    ];
    expect(tableDependents(cells, ['lab.s.orders', 'lab.s.refunds'])).toEqual({
      a: ['lab.s.orders'],
      b: ['lab.s.orders'],
      c: ['lab.s.orders', 'lab.s.refunds'],
    });
  });
});
