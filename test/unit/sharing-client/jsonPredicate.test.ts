import { describe, expect, it } from 'vitest';
import { parsePredicate } from '../../../kernel/sharing/predicate';
import { toJsonPredicate } from '../../../kernel/sharing/client';

const types = { day: 'date', region: 'string', amount: 'double', n: 'integer', ok: 'boolean', blob: 'binary' };
const col = (name: string, valueType: string) => ({ op: 'column', name, valueType });
const lit = (value: string, valueType: string) => ({ op: 'literal', value, valueType });

describe('toJsonPredicate (checklist 20–22)', () => {
  it('turns comparisons into camelCase ops with string literals typed from the schema', () => {
    expect(toJsonPredicate({ kind: 'compare', op: '>=', column: 'day', value: '2026-01-01' }, types)).toEqual({
      op: 'greaterThanOrEqual',
      children: [col('day', 'date'), lit('2026-01-01', 'date')],
    });
    expect(toJsonPredicate({ kind: 'compare', op: '<>', column: 'n', value: 3 }, types)).toEqual({
      op: 'not',
      children: [{ op: 'equal', children: [col('n', 'int'), lit('3', 'int')] }],
    });
  });

  it('rewrites IN as an OR of equals and IS NOT NULL as not(isNull)', () => {
    const p = toJsonPredicate({ kind: 'in', column: 'region', values: ['EU', 'US'] }, types);
    expect(p).toEqual({
      op: 'or',
      children: [
        { op: 'equal', children: [col('region', 'string'), lit('EU', 'string')] },
        { op: 'equal', children: [col('region', 'string'), lit('US', 'string')] },
      ],
    });
    expect(toJsonPredicate({ kind: 'isNotNull', column: 'ok' }, types)).toEqual({
      op: 'not',
      children: [{ op: 'isNull', children: [col('ok', 'bool')] }],
    });
  });

  it('drops what it cannot express under AND (wider is safe) but gives up under OR/NOT', () => {
    const a = { kind: 'compare' as const, op: '=' as const, column: 'region', value: 'EU' };
    const bad = { kind: 'compare' as const, op: '=' as const, column: 'blob', value: 'x' };
    expect(toJsonPredicate({ kind: 'and', args: [a, bad] }, types)).toEqual(toJsonPredicate(a, types));
    expect(toJsonPredicate({ kind: 'or', args: [a, bad] }, types)).toBeNull();
    expect(toJsonPredicate({ kind: 'not', arg: { kind: 'other' } }, types)).toBeNull();
    expect(toJsonPredicate({ kind: 'compare', op: '=', column: 'nope', value: 1 }, types)).toBeNull();
    expect(toJsonPredicate({ kind: 'compare', op: '=', column: 'n', value: null }, types)).toBeNull();
  });

  it('produces trees the shared wire-format checker accepts (binary ops 2 leaves, and/or ≥ 2)', () => {
    const p = toJsonPredicate(
      {
        kind: 'and',
        args: [
          { kind: 'in', column: 'region', values: ['EU', 'US', 'APAC'] },
          {
            kind: 'or',
            args: [
              { kind: 'compare', op: '<', column: 'amount', value: 1.5 },
              { kind: 'isNull', column: 'amount' },
            ],
          },
          { kind: 'compare', op: '=', column: 'ok', value: true },
        ],
      },
      types,
    );
    expect(() => parsePredicate(JSON.stringify(p))).not.toThrow();
  });
});
