/**
 * The SQL of a result view: the WHERE clause of the grid's filters and the ORDER BY of its sort
 * keys. Pure, so quoting can be tested on its own: every column name goes through quoteIdent and
 * every value through quoteLiteral, whatever the user typed.
 */
import { SiltError } from '../../common/SiltError';
import { quoteIdent, quoteLiteral } from '../../common/sqlQuote';
import type { ColumnFilter, SortKey } from '../protocol/results';

const COMPARISONS = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

function checkColumn(column: string, columns: readonly string[]): string {
  if (!columns.includes(column)) {
    throw new SiltError('bad-request', `The result has no column "${column}" (it has ${columns.map((c) => `"${c}"`).join(', ')}).`);
  }
  return quoteIdent(column);
}

function needValue(f: ColumnFilter, v: string | undefined, what = 'a value'): string {
  if (v === undefined) throw new SiltError('bad-request', `The filter "${f.op}" on "${f.column}" needs ${what}.`);
  return quoteLiteral(v);
}

/**
 * One filter as a condition. Values are string literals: DuckDB casts a literal to the column's type
 * when it compares, so `5` compares as a number on an INTEGER column and as text on a VARCHAR one.
 * `contains` matches the value's text, ignoring case.
 */
export function filterCondition(f: ColumnFilter, columns: readonly string[]): string {
  const col = checkColumn(f.column, columns);
  switch (f.op) {
    case 'null':
      return `${col} IS NULL`;
    case 'notnull':
      return `${col} IS NOT NULL`;
    case 'contains':
      return `contains(lower(CAST(${col} AS VARCHAR)), lower(${needValue(f, f.value)}))`;
    case 'between':
      return `${col} BETWEEN ${needValue(f, f.value, 'a lower bound')} AND ${needValue(f, f.value2, 'an upper bound')}`;
    default:
      return `${col} ${COMPARISONS[f.op]} ${needValue(f, f.value)}`;
  }
}

/** `WHERE …` for all filters (all must hold), or '' for none. */
export function whereSql(filters: readonly ColumnFilter[], columns: readonly string[]): string {
  if (filters.length === 0) return '';
  return `WHERE ${filters.map((f) => `(${filterCondition(f, columns)})`).join(' AND ')}`;
}

/**
 * `ORDER BY …` for the sort keys, nulls last either way, then rowid so that rows with equal keys keep
 * the result's order and pages never overlap. '' for no keys (the result's own order).
 */
export function orderSql(sort: readonly SortKey[], columns: readonly string[]): string {
  if (sort.length === 0) return '';
  const keys = sort.map((k) => `${checkColumn(k.column, columns)} ${k.desc ? 'DESC' : 'ASC'} NULLS LAST`);
  return `ORDER BY ${[...keys, 'rowid'].join(', ')}`;
}
