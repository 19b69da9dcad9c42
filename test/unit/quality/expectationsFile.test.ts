import { describe, expect, it } from 'vitest';
import { rulesFromYaml } from '../../../kernel/quality/expectationsFile';

const FILE = `# rules the team relies on
demo.silver.orders:
  has_id:
    expect: order_id IS NOT NULL
    on_violation: FAIL UPDATE
  fair_price: amount_eur BETWEEN 500 AND 500000
  no_test:
    expect: "note <> 'test'"
    on_violation: drop row
other.s.t:
  x: a > 0
`;

describe('expectations.yml', () => {
  it("gives a table's block as rules, matching the name without regard to case", () => {
    expect(rulesFromYaml(FILE, 'Demo.Silver.Orders')).toEqual([
      { name: 'has_id', condition: 'order_id IS NOT NULL', action: 'fail', line: 0, column: 0 },
      { name: 'fair_price', condition: 'amount_eur BETWEEN 500 AND 500000', action: 'warn', line: 0, column: 0 },
      { name: 'no_test', condition: "note <> 'test'", action: 'drop', line: 0, column: 0 },
    ]);
    expect(rulesFromYaml(FILE, 'elsewhere')).toEqual([]);
    expect(rulesFromYaml('', 't')).toEqual([]);
  });

  it('names the file, table and rule of a mistake', () => {
    expect(() => rulesFromYaml('t:\n  a: (x > 1', 't')).toThrow('expectations.yml, t, rule "a": this parenthesis is never closed');
    expect(() => rulesFromYaml('t:\n  a:\n    expect: x\n    on_violation: explode', 't')).toThrow(
      'expectations.yml, t, rule "a": on_violation is warn, drop row or fail update, not "explode".',
    );
    expect(() => rulesFromYaml('t:\n  a:\n    on_violation: warn', 't')).toThrow(
      'expectations.yml, t, rule "a": needs "expect: <condition>".',
    );
    expect(() => rulesFromYaml('t: [1, 2', 't')).toThrow(/^expectations.yml is not valid YAML/);
    expect(() => rulesFromYaml('- a\n- b', 't')).toThrow('expectations.yml must map table names to their rules.');
  });
});
