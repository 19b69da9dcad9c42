/** The hint a TypeScript cell's syntax error gets when the cell holds SQL. */
import { describe, expect, it } from 'vitest';
import { sqlHint } from '../../../kernel/session/ts/sqlInTypeScript';

describe('sqlHint', () => {
  it('names the cause when the cell reads as SQL, comments and lower case included', () => {
    for (const code of [
      'SELECT * FROM demo.silver.orders',
      '-- Gold by day\nselect day, sum(x) from t group by all',
      'WITH t AS (SELECT 1) SELECT * FROM t',
      '  FROM orders SELECT region',
      'SUMMARIZE orders',
    ]) {
      expect(sqlHint(code), code).toMatch(/reads as SQL/);
    }
  });
  it('says nothing about TypeScript that merely has a syntax error', () => {
    for (const code of ['const x = ;', 'select(rows', 'from = 3 +', 'orders.groupby([', '// select the rows\nconst a = (']) {
      expect(sqlHint(code), code).toBe('');
    }
  });
});
