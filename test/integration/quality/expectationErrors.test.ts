/**
 * Expectation cells over the demo share (its real Delta Sharing server on 127.0.0.1) whose target or
 * conditions DuckDB cannot run: the error marks the cell as the analyst typed it (LINE, caret, line
 * and column on the condition or target), with shared names as written, never Silt's check query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableOutput } from '../../../kernel/protocol';
import { startDemoSession, type DemoSession } from '../../helpers/demoSession';

let demo: DemoSession;

beforeAll(async () => {
  demo = await startDemoSession('silt-expectation-errors-');
});
afterAll(() => demo?.close());

const errorOf = (code: string) => demo.errorOf('sql', code);
const caretUnder = (line: string, before: string) => `LINE ${line}\n${' '.repeat(`LINE ${before}`.length)}^`;

describe('an expectation cell DuckDB cannot check', () => {
  it('marks a misspelt column in a rule’s condition on its line and column', async () => {
    const code =
      'EXPECT ON demo.silver.orders\n  CONSTRAINT positive EXPECT (amount_eur > 0),\n  CONSTRAINT known EXPECT (amout IS NOT NULL)';
    const e = await errorOf(code);
    expect(e.ename).toBe('Expectation error');
    expect(e.message).toBe(
      'Rule "known" (line 3) cannot be checked: Referenced column "amout" not found in FROM clause!\n' +
        'Candidate bindings: "amount_eur", "country", "model", "status", "order_date"\n\n' +
        caretUnder('3:   CONSTRAINT known EXPECT (amout IS NOT NULL)', '3:   CONSTRAINT known EXPECT ('),
    );
    expect([e.line, e.column]).toEqual([3, code.split('\n')[2].indexOf('amout') + 1]);
  });

  it('marks a mistake after a shared name in a condition’s subquery, the name as typed', async () => {
    const code =
      'EXPECT ON demo.silver.orders VERSION AS OF 1\n  CONSTRAINT cheap EXPECT (amount_eur <= (SELECT max(pric) FROM Demo.Silver.Listings))';
    const e = await errorOf(code);
    expect(e.message).toBe(
      'Rule "cheap" (line 2) cannot be checked: Referenced column "pric" not found in FROM clause!\n' +
        'Candidate bindings: "price_eur", "region", "placed_at", "city"\n\n' +
        caretUnder(`2: ${code.split('\n')[1]}`, '2:   CONSTRAINT cheap EXPECT (amount_eur <= (SELECT max('),
    );
    expect([e.line, e.column]).toEqual([2, code.split('\n')[1].indexOf('pric') + 1]);
    expect(e.message).not.toMatch(/"demo\.silver\.|@v1/);
  });

  it('names the rule whose value fails as the rows are read, and marks it', async () => {
    const code = "EXPECT ON demo.silver.orders\n  CONSTRAINT odd EXPECT (amount_eur + 'x' > 0)";
    const e = await errorOf(code);
    expect(e.ename).toBe('Conversion Error');
    expect(e.message).toBe(
      'Rule "odd" (line 2) cannot be checked: Could not convert string \'x\' to DOUBLE\n\n' +
        caretUnder("2:   CONSTRAINT odd EXPECT (amount_eur + 'x' > 0)", '2:   CONSTRAINT odd EXPECT (amount_eur + '),
    );
    expect([e.line, e.column]).toEqual([2, code.split('\n')[1].indexOf("'x'") + 1]);
  });

  it('blames a missing target, not the first rule, and marks the target', async () => {
    const e = await errorOf('-- checks\nEXPECT ON no_such_orders\n  CONSTRAINT positive EXPECT (amount_eur > 0)');
    expect(e.ename).toBe('Catalog Error');
    expect(e.message.split('\n')[0]).toBe('Table with name no_such_orders does not exist!');
    expect(e.message).not.toContain('positive');
    expect(e.message).toMatch(/\n\nLINE 2: EXPECT ON no_such_orders\n {18}\^$/);
    expect([e.line, e.column]).toEqual([2, 11]);
  });
});

describe('a condition qualifying a column by the target’s shared name', () => {
  it('checks the rule, and marks a misspelt column after the qualifier', async () => {
    const r = await demo.session.execute({
      runId: 'qualified',
      language: 'sql',
      code: 'EXPECT ON demo.silver.orders\n  CONSTRAINT positive EXPECT (demo.silver.orders.amount_eur > 0 AND silver.orders.order_id IS NOT NULL)',
    });
    expect(r.outputs.find((o) => o.kind === 'error')).toBeUndefined();
    const figures = r.outputs.find((o): o is TableOutput => o.kind === 'table')!;
    const [rule, , checked, passed] = figures.rows[0];
    expect(rule).toBe('positive');
    expect(Number(checked)).toBeGreaterThan(0);
    expect(passed).toBe(checked);
    const code = 'EXPECT ON demo.silver.orders\n  CONSTRAINT positive EXPECT (demo.silver.orders.amout > 0)';
    const e = await errorOf(code);
    expect(e.message.split('\n')[0]).toBe(
      'Rule "positive" (line 2) cannot be checked: Table "orders" does not have a column named "amout"',
    );
    expect([e.line, e.column]).toEqual([2, code.split('\n')[1].indexOf('demo.silver.orders.amout') + 1]);
  });
});
