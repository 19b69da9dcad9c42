import type { ComparisonOp, LeafNode, PredicateNode, PredicateValueType } from './predicate';
import { compareValues, toComparable, type Comparable } from './predicateValue';

/** What is known about one column in one file. */
export type ColumnFacts =
  /** A partition column: every row has this value (null = SQL NULL). */
  | { exact: string | null }
  /** A data column, from the file's stats; any field may be missing. */
  | { min?: unknown; max?: unknown; nullCount?: number; numRecords?: number };

/** Looks up what a file knows about a column (by logical name); undefined = nothing known. */
export type FileFacts = (column: string) => ColumnFacts | undefined;

/**
 * SQL three-valued logic over a whole file: the set of truth values the predicate can take on the
 * file's rows. A file can be skipped only when `true` is impossible. Rows are treated as
 * independent across sub-predicates, which over-approximates (keeps more files) but never prunes a
 * file that has a matching row.
 */
export interface Outcomes {
  t: boolean;
  f: boolean;
  /** SQL NULL (unknown). */
  n: boolean;
}

const ANY: Outcomes = { t: true, f: true, n: true };

/** True when some row of the file may satisfy the predicate. */
export function fileMayMatch(pred: PredicateNode, facts: FileFacts): boolean {
  return evaluate(pred, facts).t;
}

export function evaluate(pred: PredicateNode, facts: FileFacts): Outcomes {
  switch (pred.op) {
    case 'and':
      return pred.children.map((c) => evaluate(c, facts)).reduce(and);
    case 'or':
      return pred.children.map((c) => evaluate(c, facts)).reduce(or);
    case 'not': {
      const o = evaluate(pred.children[0], facts);
      return { t: o.f, f: o.t, n: o.n };
    }
    case 'isNull':
      return isNull(pred.children[0], facts);
    default:
      return compare(pred.op, pred.children[0], pred.children[1], facts);
  }
}

function and(a: Outcomes, b: Outcomes): Outcomes {
  return { t: a.t && b.t, f: a.f || b.f, n: (a.n && (b.t || b.n)) || (b.n && (a.t || a.n)) };
}

function or(a: Outcomes, b: Outcomes): Outcomes {
  return { t: a.t || b.t, f: a.f && b.f, n: (a.n && (b.f || b.n)) || (b.n && (a.f || a.n)) };
}

/** The value range a leaf can take in this file. */
interface Range {
  hasNull: boolean;
  hasValue: boolean;
  min?: Comparable;
  max?: Comparable;
}

function leafRange(leaf: LeafNode, type: PredicateValueType, facts: FileFacts): Range {
  if (leaf.op === 'literal') {
    const v = toComparable(leaf.value, type);
    return v === undefined ? { hasNull: true, hasValue: true } : { hasNull: false, hasValue: true, min: v, max: v };
  }
  const f = facts(leaf.name);
  if (!f) return { hasNull: true, hasValue: true };
  if ('exact' in f) {
    // The spec serialises a null partition value as "" (or omits it).
    if (f.exact === null || f.exact === '') return { hasNull: true, hasValue: false };
    const v = toComparable(f.exact, type);
    return v === undefined ? { hasNull: false, hasValue: true } : { hasNull: false, hasValue: true, min: v, max: v };
  }
  const known = typeof f.nullCount === 'number' && typeof f.numRecords === 'number';
  const range: Range = {
    hasNull: !known || f.nullCount! > 0,
    hasValue: !known || f.nullCount! < f.numRecords!,
    min: toComparable(f.min, type),
    max: toComparable(f.max, type),
  };
  // Writers truncate long string stats; a truncated max is not a safe upper bound.
  if (type === 'string' && typeof range.max === 'string' && range.max.length >= 32) range.max = undefined;
  // Writers keep timestamp stats to the millisecond: a max of …:00.123 may stand for …:00.123999.
  if (type === 'timestamp' && typeof range.max === 'bigint') range.max += 999n;
  return range;
}

function isNull(leaf: LeafNode, facts: FileFacts): Outcomes {
  const r = leafRange(leaf, leaf.valueType, facts);
  return { t: r.hasNull, f: r.hasValue, n: false };
}

function compare(op: ComparisonOp, left: LeafNode, right: LeafNode, facts: FileFacts): Outcomes {
  const type = left.op === 'column' ? left.valueType : right.valueType;
  const a = leafRange(left, type, facts);
  const b = leafRange(right, type, facts);
  const n = a.hasNull || b.hasNull;
  if (!a.hasValue || !b.hasValue) return { t: false, f: false, n: true };
  if (a.min === undefined || a.max === undefined || b.min === undefined || b.max === undefined) return { ...ANY, n };
  const lo = (x: Comparable, y: Comparable) => compareValues(x, y);
  let t: boolean;
  let f: boolean;
  switch (op) {
    case 'equal':
      t = lo(a.min, b.max) <= 0 && lo(b.min, a.max) <= 0;
      f = !(lo(a.min, a.max) === 0 && lo(b.min, b.max) === 0 && lo(a.min, b.min) === 0);
      break;
    case 'lessThan':
      t = lo(a.min, b.max) < 0;
      f = lo(a.max, b.min) >= 0;
      break;
    case 'lessThanOrEqual':
      t = lo(a.min, b.max) <= 0;
      f = lo(a.max, b.min) > 0;
      break;
    case 'greaterThan':
      t = lo(a.max, b.min) > 0;
      f = lo(a.min, b.max) <= 0;
      break;
    case 'greaterThanOrEqual':
      t = lo(a.max, b.min) >= 0;
      f = lo(a.min, b.max) < 0;
      break;
  }
  return { t, f, n };
}
