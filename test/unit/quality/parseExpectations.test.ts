import { describe, expect, it } from 'vitest';
import { ExpectationSyntaxError, isExpectationCell, parseExpectations } from '../../../common/quality/parseExpectations';

const ISSUE_EXAMPLE = `EXPECT ON demo.silver.orders
  CONSTRAINT has_id      EXPECT (order_id IS NOT NULL) ON VIOLATION FAIL UPDATE,
  CONSTRAINT fair_price  EXPECT (amount_eur BETWEEN 500 AND 500000) ON VIOLATION DROP ROW,
  CONSTRAINT known_make  EXPECT (make IN (SELECT make FROM makes));`;

/** Where `needle` (its `nth` occurrence) starts in `sql`, as the message should say it. */
function at(sql: string, needle: string, nth = 1): string {
  let i = -1;
  for (let k = 0; k < nth; k++) i = sql.indexOf(needle, i + 1);
  const before = sql.slice(0, i);
  return `line ${before.split('\n').length}, column ${i - before.lastIndexOf('\n')}`;
}

function syntaxError(sql: string): ExpectationSyntaxError {
  try {
    parseExpectations(sql);
  } catch (e) {
    if (e instanceof ExpectationSyntaxError) return e;
    throw e;
  }
  throw new Error(`parsed without an error: ${sql}`);
}

describe('parseExpectations', () => {
  it('reads the issue example: target, names, conditions as written and actions', () => {
    // Where the target and each condition are typed, so DuckDB's errors about them can mark the cell.
    const conditionAt = (c: string) => ISSUE_EXAMPLE.indexOf(c);
    expect(parseExpectations(ISSUE_EXAMPLE)).toEqual({
      target: 'demo.silver.orders',
      targetAt: 'EXPECT ON '.length,
      rules: [
        { name: 'has_id', condition: 'order_id IS NOT NULL', action: 'fail', line: 2, column: 3, conditionAt: conditionAt('order_id IS') },
        {
          name: 'fair_price',
          condition: 'amount_eur BETWEEN 500 AND 500000',
          action: 'drop',
          line: 3,
          column: 3,
          conditionAt: conditionAt('amount_eur'),
        },
        {
          name: 'known_make',
          condition: 'make IN (SELECT make FROM makes)',
          action: 'warn',
          line: 4,
          column: 3,
          conditionAt: conditionAt('make IN'),
        },
      ],
    });
    expect(parseExpectations('EXPECT ON t CONSTRAINT c EXPECT (  x > 1  )').rules[0].conditionAt).toBe(
      'EXPECT ON t CONSTRAINT c EXPECT (  '.length,
    );
  });

  it('keeps parentheses and quotes inside strings and quoted names out of the nesting', () => {
    const cell = parseExpectations(`expect on "my table" VERSION AS OF 3 constraint "odd ) name" expect (note <> ')(' AND "we(ird" > 0)`);
    expect(cell.target).toBe('"my table" VERSION AS OF 3');
    expect(cell.rules[0]).toMatchObject({ name: 'odd ) name', condition: `note <> ')(' AND "we(ird" > 0`, action: 'warn' });
  });

  it('takes a target alone, whose rules come from expectations.yml', () => {
    expect(parseExpectations('EXPECT ON demo.silver.orders;')).toEqual({ target: 'demo.silver.orders', targetAt: 10, rules: [] });
  });

  it('recognises an expectation cell after comments, and not a SELECT', () => {
    expect(isExpectationCell('-- checks\n/* x */ expect  on t constraint a expect (true)')).toBe(true);
    expect(isExpectationCell('SELECT 1 AS expect')).toBe(false);
    expect(isExpectationCell('EXPECTED ON t')).toBe(false);
  });

  it('points at the rule, line and column of a missing parenthesis', () => {
    const sql = 'EXPECT ON t\n  CONSTRAINT ok EXPECT (a > 0),\n  CONSTRAINT broken EXPECT (a > (1)';
    const e = syntaxError(sql);
    expect(e.code).toBe('bad-request');
    expect(e.message).toBe(`Rule "broken" (${at(sql, '(a > (')}): this parenthesis is never closed`);
    expect([e.line, e.column]).toEqual([3, 27 + 1]);
  });

  it('rejects a duplicate rule name, naming both lines', () => {
    const sql = 'EXPECT ON t\n CONSTRAINT a EXPECT (x > 0),\n CONSTRAINT A EXPECT (x < 9)';
    expect(syntaxError(sql).message).toBe(
      `Rule "A" (${at(sql, 'A EXPECT')}): the name is already used by the rule on line 2; rule names must be unique`,
    );
  });

  it('explains each other syntax mistake at its place', () => {
    const cases: [sql: string, needle: string, message: string][] = [
      ['EXPECT ON t CONSTRAINT a EXPECT (x) ON VIOLATION EXPLODE', 'EXPLODE', 'Rule "a" (@): ON VIOLATION takes FAIL UPDATE or DROP ROW'],
      ['EXPECT ON t CONSTRAINT a EXPECT x > 0', 'x >', 'Rule "a" (@): the condition goes in parentheses: EXPECT (condition)'],
      [
        'EXPECT ON t CONSTRAINT a EXPECT (x) CONSTRAINT b EXPECT (y)',
        'CONSTRAINT b',
        'Rule "a" (@): expected "," before the next rule, found CONSTRAINT',
      ],
      ['EXPECT ON t CONSTRAINT a EXPECT (x),', '', 'Rule "a" (@): a "," must be followed by another CONSTRAINT'],
      ['EXPECT ON t CONSTRAINT a EXPECT ()', '(', 'Rule "a" (@): the condition is empty'],
      ['EXPECT ON t CONSTRAINT EXPECT (x)', 'EXPECT (x)', 'Rule 1 (@): CONSTRAINT needs a name'],
      ['EXPECT ON CONSTRAINT a EXPECT (x)', 'CONSTRAINT', '(@): EXPECT ON needs the table to check'],
      ["EXPECT ON t CONSTRAINT a EXPECT (x = 'open)", "'", '(@): this string is never closed'],
      ['SELECT 1', 'SELECT', '(@): an expectation cell starts with EXPECT ON <table>'],
    ];
    for (const [sql, needle, message] of cases) {
      // '' stands for the end of the cell
      const where = needle === '' ? at(sql + '\u0000', '\u0000') : at(sql, needle);
      expect(syntaxError(sql).message).toBe(message.replace('@', where));
    }
    expect(syntaxError('EXPECT ON t CONSTRAINT a EXPECT (x); SELECT 1').message).toContain('one EXPECT ON statement');
  });
});
