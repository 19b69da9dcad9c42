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

  it("types dfd.toJSON's rows as records, so the README's chart idiom checks clean", () => {
    const named = [
      {
        name: 'sales',
        columns: [
          { name: 'region', type: 'VARCHAR' },
          { name: 'amount', type: 'DOUBLE' },
        ],
      },
    ];
    // danfojs declares `object | void` (void: when it downloads a file); a cell never downloads.
    expect(check("Plot.plot({ marks: [Plot.barY(dfd.toJSON(sales), { x: 'region', y: 'amount' })] })", named)).toEqual([]);
    expect(check('const first: number = dfd.toJSON(sales)[0].amount;', named)).toEqual([]);
    // danfojs' own naming: format 'row' gives one array per column, as a Series does.
    expect(check("const amounts: unknown[] = dfd.toJSON(sales, { format: 'row' }).amount;", named)).toEqual([]);
    expect(check('const amounts: unknown[] = dfd.toJSON(sales.amount).amount;', named)).toEqual([]);
  });
});
