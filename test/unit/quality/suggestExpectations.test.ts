import { describe, expect, it } from 'vitest';
import { parseExpectations } from '../../../common/quality/parseExpectations';
import { suggestionCell, suggestRules, type ColumnStats } from '../../../common/quality/suggestExpectations';

const col = (c: Partial<ColumnStats> & Pick<ColumnStats, 'name' | 'type'>): ColumnStats => ({
  rows: 10,
  nulls: 0,
  distinct: 10,
  min: null,
  max: null,
  values: null,
  ...c,
});

describe('suggestRules', () => {
  it('proposes IS NOT NULL only for columns without NULLs, and ranges as exact literals of the type', () => {
    const rules = suggestRules(
      [
        col({ name: 'id', type: 'BIGINT', min: '1', max: '10' }),
        col({ name: 'price', type: 'DECIMAL(10,2)', nulls: 2, distinct: 5, min: '0.50', max: '99.99' }),
        col({ name: 'ratio', type: 'FLOAT', distinct: 3, min: '0.1', max: '2.5' }),
        col({ name: 'day', type: 'DATE', distinct: 3, min: '2026-01-01', max: '2026-02-01' }),
        col({ name: 'temp', type: 'DOUBLE', distinct: 3, min: '-inf', max: '3' }),
      ],
      't',
    );
    expect(rules.map((r) => [r.name, r.condition])).toEqual([
      ['id_not_null', 'id IS NOT NULL'],
      ['id_range', 'id BETWEEN 1 AND 10'],
      ['id_unique', 'id NOT IN (SELECT id FROM t WHERE id IS NOT NULL GROUP BY id HAVING count(*) > 1)'],
      ['price_range', 'price BETWEEN 0.50 AND 99.99'],
      ['ratio_not_null', 'ratio IS NOT NULL'],
      ['ratio_range', 'ratio BETWEEN CAST(0.1 AS FLOAT) AND CAST(2.5 AS FLOAT)'],
      ['day_not_null', 'day IS NOT NULL'],
      ['day_range', "day BETWEEN CAST('2026-01-01' AS DATE) AND CAST('2026-02-01' AS DATE)"],
      // -inf has no literal: no range, rather than a rule that would not hold
      ['temp_not_null', 'temp IS NOT NULL'],
    ]);
  });

  it('lists the values of a repeating text column, quotes keywords and odd names, and keeps rule names unique', () => {
    const rules = suggestRules(
      [
        col({ name: 'at', type: 'VARCHAR', keyword: true, distinct: 2, min: 'a', max: 'b', values: ["it's", 'b'] }),
        col({ name: 'my col', type: 'VARCHAR', nulls: 10, distinct: 0 }),
        col({ name: 'my_col', type: 'INTEGER', nulls: 10, distinct: 0 }),
      ],
      't',
    );
    expect(rules.map((r) => [r.name, r.condition])).toEqual([
      ['at_not_null', '"at" IS NOT NULL'],
      ['at_known', `"at" IN ('it''s', 'b')`],
    ]);
  });

  it('writes a cell the parser reads back, rule for rule', () => {
    const rules = suggestRules([col({ name: 'id', type: 'BIGINT', min: '1', max: '10' })], 'demo.silver.orders');
    const cell = suggestionCell('demo.silver.orders', rules);
    expect(parseExpectations(cell)).toMatchObject({
      target: 'demo.silver.orders',
      rules: rules.map(({ name, condition }) => ({ name, condition, action: 'warn' })),
    });
    expect(suggestionCell('t', [])).toMatch(/^-- No rules to suggest for t/);
  });
});
