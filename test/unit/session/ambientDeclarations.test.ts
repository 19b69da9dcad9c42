/** The declarations of the realm's globals, checked by the real compiler. */
import { describe, expect, it } from 'vitest';
import { CellChecker } from '../../../kernel/session/ts/CellChecker';
import { ambientDeclarations } from '../../../kernel/session/ts/ambientDeclarations';

const checker = new CellChecker();
const check = (code: string, named: Parameters<typeof ambientDeclarations>[0]) =>
  checker.diagnostics({ before: [], code, ambient: ambientDeclarations(named) }).map((d) => d.message);

describe('ambientDeclarations', () => {
  it('declares a named result with its columns, odd names included', () => {
    const named = [
      {
        name: 'sales',
        columns: [
          { name: 'amount', type: 'DECIMAL(10,2)' },
          { name: 'unit price', type: 'DOUBLE' },
        ],
      },
    ];
    expect(check('sales.amount.sum() + sales["unit price"].sum(); sales.sqlTypes["amount"]', named)).toEqual([]);
    // A known column is a Series (danfojs lets any other name through as `any`).
    expect(check('const label: string = sales.amount;', named)).toEqual([
      expect.stringMatching(/^Type 'Omit<Series, "values"> & .* is not assignable to type 'string'/),
    ]);
  });

  it('leaves out a result named by a reserved word instead of breaking every global', () => {
    const named = [
      { name: 'case', columns: [{ name: 'a', type: 'INTEGER' }] },
      { name: 'orders', columns: [{ name: 'a', type: 'INTEGER' }] },
    ];
    expect(ambientDeclarations(named)).not.toContain('declare const case');
    expect(check('orders.head(1); display(1); sharing.tables()', named)).toEqual([]);
  });
});
