import { describe, expect, it } from 'vitest';
import { fileFacts } from '../../../kernel/sharing/fileFacts';
import { parsePredicate, type PredicateNode } from '../../../kernel/sharing/predicate';
import { evaluate, fileMayMatch } from '../../../kernel/sharing/predicateEval';

const col = (name: string, valueType = 'int') => ({ op: 'column', name, valueType });
const lit = (value: string, valueType = 'int') => ({ op: 'literal', value, valueType });
const p = (tree: unknown): PredicateNode => parsePredicate(JSON.stringify(tree));
const stats = (min: unknown, max: unknown, nullCount = 0, numRecords = 10) =>
  JSON.stringify({ numRecords, minValues: { x: min }, maxValues: { x: max }, nullCount: { x: nullCount } });

describe('JSON predicate grammar', () => {
  it('accepts the spec example and rejects shapes outside it', () => {
    expect(
      p({
        op: 'and',
        children: [
          { op: 'isNull', children: [col('a')] },
          { op: 'equal', children: [col('b'), lit('1')] },
        ],
      }).op,
    ).toBe('and');
    expect(() => p({ op: 'equal', children: [col('a')] })).toThrow(/exactly 2/);
    expect(() => p({ op: 'and', children: [{ op: 'isNull', children: [col('a')] }] })).toThrow(/at least 2/);
    expect(() => p({ op: 'equal', children: [col('a'), { op: 'literal', value: 1, valueType: 'int' }] })).toThrow(/string/);
    expect(() => p({ op: 'in', children: [] })).toThrow(/unknown predicate op/);
    expect(() => p({ op: 'equal', children: [col('a', 'varchar'), lit('1')] })).toThrow(/valueType/);
  });
});

describe('three-valued pruning over stats', () => {
  const gt5 = p({ op: 'greaterThan', children: [col('x'), lit('5')] });
  it('keeps files whose range can hold a match and skips the rest', () => {
    expect(fileMayMatch(gt5, fileFacts({}, stats(1, 6)))).toBe(true);
    expect(fileMayMatch(gt5, fileFacts({}, stats(1, 5)))).toBe(false);
    expect(fileMayMatch(gt5, fileFacts({}, undefined))).toBe(true);
    expect(fileMayMatch(gt5, fileFacts({}, '{not json'))).toBe(true);
  });

  it('handles literal-first comparisons', () => {
    const fiveLess = p({ op: 'lessThan', children: [lit('5'), col('x')] });
    expect(fileMayMatch(fiveLess, fileFacts({}, stats(1, 5)))).toBe(false);
    expect(fileMayMatch(fiveLess, fileFacts({}, stats(1, 9)))).toBe(true);
  });

  it('never lets NOT prune a file where rows are NULL or the range straddles the value', () => {
    const notEq3 = p({ op: 'not', children: [{ op: 'equal', children: [col('x'), lit('3')] }] });
    expect(fileMayMatch(notEq3, fileFacts({}, stats(3, 3)))).toBe(false);
    expect(fileMayMatch(notEq3, fileFacts({}, stats(1, 3)))).toBe(true);
    // All NULL: x = 3 is NULL for every row, so is NOT (x = 3): nothing matches.
    expect(evaluate(notEq3, fileFacts({}, stats(null, null, 10, 10)))).toEqual({ t: false, f: false, n: true });
  });

  it('uses null counts for isNull', () => {
    const isNull = p({ op: 'isNull', children: [col('x')] });
    expect(fileMayMatch(isNull, fileFacts({}, stats(1, 2, 0)))).toBe(false);
    expect(fileMayMatch(isNull, fileFacts({}, stats(1, 2, 1)))).toBe(true);
    expect(fileMayMatch(p({ op: 'not', children: [isNull] }), fileFacts({}, stats(null, null, 10, 10)))).toBe(false);
  });

  it('compares longs exactly beyond 2^53 and timestamps to the microsecond', () => {
    const big = p({ op: 'greaterThan', children: [col('x', 'long'), lit('9007199254740993', 'long')] });
    expect(fileMayMatch(big, fileFacts({}, stats(1, '9007199254740993')))).toBe(false);
    const ts = p({ op: 'lessThan', children: [col('t', 'timestamp'), lit('2024-01-01T00:00:00.000002Z', 'timestamp')] });
    expect(fileMayMatch(ts, fileFacts({ t: '2024-01-01 00:00:00.000001' }, undefined))).toBe(true);
    expect(fileMayMatch(ts, fileFacts({ t: '2024-01-01 00:00:00.000002' }, undefined))).toBe(false);
  });
});

describe('partition values', () => {
  const eq = p({ op: 'equal', children: [col('day', 'date'), lit('2023-12-23', 'date')] });
  it('matches exact values case-insensitively by column name, and treats "" as NULL', () => {
    expect(fileMayMatch(eq, fileFacts({ Day: '2023-12-23' }, undefined))).toBe(true);
    expect(fileMayMatch(eq, fileFacts({ day: '2023-12-24' }, undefined))).toBe(false);
    expect(fileMayMatch(eq, fileFacts({ day: '' }, undefined))).toBe(false);
    expect(fileMayMatch(p({ op: 'isNull', children: [col('day', 'date')] }), fileFacts({ day: null }, undefined))).toBe(true);
  });

  it('resolves logical names to physical ones (column mapping)', () => {
    const facts = fileFacts({ 'col-1a2b': '2023-12-23' }, undefined, (n) => (n === 'day' ? 'col-1a2b' : n));
    expect(fileMayMatch(eq, facts)).toBe(true);
    expect(fileMayMatch(p({ op: 'equal', children: [col('day', 'date'), lit('2020-01-01', 'date')] }), facts)).toBe(false);
  });

  it('and/or combine partition and stats facts', () => {
    const both = p({ op: 'and', children: [eq, { op: 'greaterThan', children: [col('x'), lit('5')] }] });
    const either = p({ op: 'or', children: [eq, { op: 'greaterThan', children: [col('x'), lit('5')] }] });
    const facts = fileFacts({ day: '2023-12-23' }, stats(1, 2));
    expect(fileMayMatch(both, facts)).toBe(false);
    expect(fileMayMatch(either, facts)).toBe(true);
  });
});
