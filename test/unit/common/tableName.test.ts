import { describe, expect, it } from 'vitest';
import { SiltError } from '../../../common/SiltError';
import { formatProfileTableName, formatTableName, nameProblem, parseTableName } from '../../../common/tableName';

describe('table names', () => {
  it('parses from the right so share names may contain dots', () => {
    expect(parseTableName('acme.sales.eu.gold.orders')).toEqual({ share: 'acme.sales.eu', schema: 'gold', table: 'orders' });
    expect(formatTableName({ share: 'a.b', schema: 's', table: 't' })).toBe('a.b.s.t');
  });

  it('refuses names with too few parts or forbidden characters', () => {
    expect(() => parseTableName('schema.table')).toThrow(/share\.schema\.table/);
    expect(() => parseTableName('s.sc.my table')).toThrow(/space/);
    expect(() => parseTableName('.sc.t')).toThrow();
    expect(nameProblem('share', 'x'.repeat(256))).toMatch(/255/);
    expect(nameProblem('share', 'a.b')).toBeUndefined();
  });

  it('a name the user typed wrong is a bad request, not a bug', () => {
    const thrown = (() => {
      try {
        parseTableName('orders');
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(SiltError);
    expect((thrown as SiltError).code).toBe('bad-request');
  });

  it('formats and parses back the same parts, unicode and dotted shares included', () => {
    for (const name of [
      { share: 'demo', schema: 'gold', table: 'daily_sales' },
      { share: 'acme.eu', schema: 'Vertrieb', table: 'Umsätze_2024' },
      { share: '数据', schema: 'öffentlich', table: '表' },
    ]) {
      expect(parseTableName(formatTableName(name))).toEqual(name);
    }
  });

  it('keeps the case the share uses (lookups lower-case both sides themselves)', () => {
    expect(formatTableName({ share: 'Demo', schema: 'Gold', table: 'Sales' })).toBe('Demo.Gold.Sales');
  });

  it('puts the profile in front when several open profiles share the name', () => {
    const t = { profile: 'work', share: 'demo', schema: 'gold', table: 'daily_sales' };
    expect(formatProfileTableName(t)).toBe('work.demo.gold.daily_sales');
    expect(formatTableName(t)).toBe('demo.gold.daily_sales');
  });
});
