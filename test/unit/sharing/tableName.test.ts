import { describe, expect, it } from 'vitest';
import { formatTableName, nameProblem, parseTableName } from '../../../kernel/sharing/tableName';

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
});
