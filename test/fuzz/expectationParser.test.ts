/**
 * Fuzzes the expectation-cell parser with generated cells and with cells cut or spliced at random:
 * a well-formed cell parses back to the rules it was made from, and any text either parses or throws
 * an ExpectationSyntaxError (`bad-request`) whose line and column lie inside the cell, never a TypeError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpectationSyntaxError, parseExpectations, type ViolationAction } from '../../common/quality/parseExpectations';

const TIME_LIMIT_MS = 8_000;

const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/).filter((n) => !['expect', 'constraint', 'on'].includes(n));
/** Conditions with nesting, strings holding parentheses and quotes, and quoted names. */
const condition: fc.Arbitrary<string> = fc.letrec((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('x > 0', 'y IS NOT NULL', "s <> ')('", `"we(ird"" col" = 1`, "t LIKE '%''%'", 'a BETWEEN 1 AND 2'),
    fc.tuple(tie('cond'), tie('cond')).map(([a, b]) => `(${a}) AND (${b})`),
    tie('cond').map((c) => `NOT (${c})`),
  ),
})).cond as fc.Arbitrary<string>;
const action = fc.constantFrom<ViolationAction>('warn', 'drop', 'fail');
const rules = fc.uniqueArray(fc.record({ name, condition, action }), { minLength: 1, maxLength: 6, selector: (r) => r.name });
const spacing = fc.constantFrom(' ', '\n  ', '\t', ' -- note\n ');

function cellText(target: string, rs: { name: string; condition: string; action: ViolationAction }[], sp: string): string {
  const clause = (a: ViolationAction) => (a === 'fail' ? ' ON VIOLATION FAIL UPDATE' : a === 'drop' ? ' ON VIOLATION DROP ROW' : '');
  return `EXPECT ON ${target}${sp}${rs.map((r) => `CONSTRAINT ${r.name} EXPECT (${r.condition})${clause(r.action)}`).join(`,${sp}`)};`;
}

function parsesOrExplains(text: string): void {
  try {
    parseExpectations(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ExpectationSyntaxError);
    const err = e as ExpectationSyntaxError;
    expect(err.code).toBe('bad-request');
    const lines = text.split('\n');
    expect(err.line).toBeGreaterThanOrEqual(1);
    expect(err.line).toBeLessThanOrEqual(lines.length);
    expect(err.column).toBeLessThanOrEqual(lines[err.line - 1].length + 1);
  }
}

describe('expectation parser fuzz', () => {
  it('parses every generated cell back to its rules', () => {
    fc.assert(
      fc.property(fc.constantFrom('demo.silver.orders', 't', '"a b".c.d'), rules, spacing, (target, rs, sp) => {
        const cell = parseExpectations(cellText(target, rs, sp));
        expect(cell.target).toBe(target);
        expect(cell.rules.map(({ name, condition, action }) => ({ name, condition, action }))).toEqual(rs);
      }),
      { interruptAfterTimeLimit: TIME_LIMIT_MS / 2, numRuns: 2000 },
    );
  });

  it('either parses or throws a located syntax error for cut and spliced cells', () => {
    const damaged = fc
      .tuple(
        rules,
        spacing,
        fc.nat(),
        fc.nat(),
        fc.string({ maxLength: 4, unit: fc.constantFrom('(', ')', "'", '"', ',', ';', 'ON', ' ', '\n') }),
      )
      .map(([rs, sp, a, b, junk]) => {
        const text = cellText('t', rs, sp);
        const cut = a % (text.length + 1);
        return text.slice(0, cut) + junk + text.slice(cut + (b % 5));
      });
    fc.assert(fc.property(damaged, parsesOrExplains), { interruptAfterTimeLimit: TIME_LIMIT_MS / 2, numRuns: 5000 });
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => parsesOrExplains(`EXPECT ON ${s}`)),
      { numRuns: 2000 },
    );
  });
});
