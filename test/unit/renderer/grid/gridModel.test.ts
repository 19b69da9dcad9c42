import { describe, expect, it } from 'vitest';
import { ariaSort, nextSort } from '../../../../renderer/outputs/grid/sortCycle';
import { moveSelection, rangeOf, selectAll, type Selection } from '../../../../renderer/outputs/grid/selection';
import { filterCondition, orderSql, whereSql } from '../../../../kernel/engine/viewSql';

describe('sorting by header clicks', () => {
  it('cycles one column ascending, descending, none', () => {
    let sort = nextSort([], 'a', false);
    expect(sort).toEqual([{ column: 'a', desc: false }]);
    expect(ariaSort(sort, 'a')).toBe('ascending');
    sort = nextSort(sort, 'a', false);
    expect(ariaSort(sort, 'a')).toBe('descending');
    sort = nextSort(sort, 'a', false);
    expect(sort).toEqual([]);
    expect(ariaSort(sort, 'a')).toBe('none');
  });

  it('a plain click on another column replaces the sort; Shift+click adds a secondary key and cycles it alone', () => {
    const a = nextSort([], 'a', false);
    expect(nextSort(a, 'b', false)).toEqual([{ column: 'b', desc: false }]);
    let ab = nextSort(a, 'b', true);
    expect(ab).toEqual([
      { column: 'a', desc: false },
      { column: 'b', desc: false },
    ]);
    expect(ariaSort(ab, 'a')).toBe('ascending');
    expect(ariaSort(ab, 'b')).toBe('none');
    ab = nextSort(ab, 'b', true);
    expect(ab[1]).toEqual({ column: 'b', desc: true });
    expect(nextSort(ab, 'b', true)).toEqual([{ column: 'a', desc: false }]);
  });
});

describe('selection', () => {
  const opts = { rows: 100, cols: 5, pageRows: 10 };
  const at = (row: number, col: number): Selection => ({ anchor: { row, col }, focus: { row, col } });

  it('arrows move the cell, Shift+arrows extend the block from the anchor', () => {
    const moved = moveSelection(at(3, 2), 'ArrowDown', { ...opts, extend: false, toEdge: false })!;
    expect(moved).toEqual(at(4, 2));
    let s = moveSelection(at(3, 2), 'ArrowRight', { ...opts, extend: true, toEdge: false })!;
    s = moveSelection(s, 'ArrowUp', { ...opts, extend: true, toEdge: false })!;
    expect(rangeOf(s)).toEqual({ top: 2, bottom: 3, left: 2, right: 3 });
  });

  it('stops at the edges, and Ctrl+arrows jump to them', () => {
    expect(moveSelection(at(0, 0), 'ArrowUp', { ...opts, extend: false, toEdge: false })).toEqual(at(0, 0));
    expect(moveSelection(at(5, 1), 'ArrowDown', { ...opts, extend: false, toEdge: true })).toEqual(at(99, 1));
    expect(moveSelection(at(95, 1), 'PageDown', { ...opts, extend: false, toEdge: false })).toEqual(at(99, 1));
    expect(moveSelection(at(5, 1), 'a', { ...opts, extend: false, toEdge: false })).toBeNull();
  });

  it('select all covers every row and column', () => {
    expect(rangeOf(selectAll(2_000_000, 4))).toEqual({ top: 0, left: 0, bottom: 1_999_999, right: 3 });
  });
});

describe('filters and sorts as SQL', () => {
  const cols = ['id', 'we"ird', 'name'];

  it('quotes column names and values so neither can end a quote', () => {
    expect(filterCondition({ column: 'we"ird', op: 'eq', value: "O'Brien" }, cols)).toBe(`"we""ird" = 'O''Brien'`);
    expect(filterCondition({ column: 'name', op: 'contains', value: "50%_'" }, cols)).toBe(
      `contains(lower(CAST("name" AS VARCHAR)), lower('50%_'''))`,
    );
    expect(filterCondition({ column: 'id', op: 'between', value: '1', value2: '9' }, cols)).toBe(`"id" BETWEEN '1' AND '9'`);
    expect(filterCondition({ column: 'id', op: 'notnull' }, cols)).toBe(`"id" IS NOT NULL`);
  });

  it('joins filters with AND and sorts nulls last with rowid as the tie-break', () => {
    expect(
      whereSql(
        [
          { column: 'id', op: 'ge', value: '3' },
          { column: 'name', op: 'null' },
        ],
        cols,
      ),
    ).toBe(`WHERE ("id" >= '3') AND ("name" IS NULL)`);
    expect(
      orderSql(
        [
          { column: 'name', desc: true },
          { column: 'id', desc: false },
        ],
        cols,
      ),
    ).toBe(`ORDER BY "name" DESC NULLS LAST, "id" ASC NULLS LAST, rowid`);
    expect(whereSql([], cols)).toBe('');
    expect(orderSql([], cols)).toBe('');
  });

  it('refuses an unknown column and a missing value as bad requests', () => {
    expect(() => orderSql([{ column: 'nope', desc: false }], cols)).toThrow(expect.objectContaining({ code: 'bad-request' }));
    expect(() => filterCondition({ column: 'id', op: 'lt' }, cols)).toThrow(/needs a value/);
  });
});
