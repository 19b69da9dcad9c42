/**
 * What a SQL statement lets the session ask the server to skip: the WHERE conjuncts over one shared
 * table that JSON predicates can express, and a top-level LIMIT. DuckDB parses the statement
 * (json_serialize_sql) so nothing here re-implements SQL. Hints are best effort on the server; DuckDB
 * re-applies the full WHERE and LIMIT to whatever comes back, so a hint can only save downloads.
 */
import type { ComparisonOp, PredicateNode, PredicateValueType } from '../../sharing/predicate';

/** Column name → Delta type name (`long`, `string`, `date`, ...), from the table's metadata. */
export type ColumnTypes = Map<string, string>;

export interface PushdownHints {
  predicate?: PredicateNode;
  limit?: number;
}

type Ast = Record<string, unknown> & { class?: string; type?: string };

const COMPARE: Record<string, ComparisonOp> = {
  COMPARE_EQUAL: 'equal',
  COMPARE_LESSTHAN: 'lessThan',
  COMPARE_LESSTHANOREQUALTO: 'lessThanOrEqual',
  COMPARE_GREATERTHAN: 'greaterThan',
  COMPARE_GREATERTHANOREQUALTO: 'greaterThanOrEqual',
};
const FLIP: Record<ComparisonOp, ComparisonOp> = {
  equal: 'equal',
  lessThan: 'greaterThan',
  lessThanOrEqual: 'greaterThanOrEqual',
  greaterThan: 'lessThan',
  greaterThanOrEqual: 'lessThanOrEqual',
};

/** Hints for `view` from one statement's serialized AST (the `node` of json_serialize_sql). */
export function pushdownHints(node: Ast, view: string, columns: ColumnTypes): PushdownHints {
  if (node.type !== 'SELECT_NODE') return {};
  const from = node.from_table as Ast | undefined;
  if (!from || from.type !== 'BASE_TABLE' || String(from.table_name).toLowerCase() !== view.toLowerCase()) return {};
  const alias = typeof from.alias === 'string' && from.alias ? from.alias : view;
  const hints: PushdownHints = {};
  const where = node.where_clause as Ast | null;
  if (where) {
    const parts = conjuncts(where).map((c) => toPredicate(c, alias, columns)).filter((p): p is PredicateNode => p !== null);
    if (parts.length === 1) hints.predicate = parts[0];
    else if (parts.length > 1) hints.predicate = { op: 'and', children: parts };
  }
  const limit = plainLimit(node);
  if (limit !== undefined) hints.limit = limit;
  return hints;
}

function conjuncts(e: Ast): Ast[] {
  if (e.class === 'CONJUNCTION' && e.type === 'CONJUNCTION_AND') return (e.children as Ast[]).flatMap(conjuncts);
  return [e];
}

function toPredicate(e: Ast, alias: string, columns: ColumnTypes): PredicateNode | null {
  if (e.class === 'CONJUNCTION' && e.type === 'CONJUNCTION_OR') {
    const kids = (e.children as Ast[]).map((c) => toPredicate(c, alias, columns));
    return kids.every((k): k is PredicateNode => k !== null) ? { op: 'or', children: kids } : null;
  }
  if (e.class === 'COMPARISON' && COMPARE[String(e.type)]) {
    let op = COMPARE[String(e.type)];
    let col = columnName(e.left as Ast, alias);
    let lit = constant(e.right as Ast);
    if (!col) {
      col = columnName(e.right as Ast, alias);
      lit = constant(e.left as Ast);
      op = FLIP[op];
    }
    return col && lit !== null ? compare(op, col, lit, columns) : null;
  }
  if (e.class === 'OPERATOR' && (e.type === 'OPERATOR_IS_NULL' || e.type === 'OPERATOR_IS_NOT_NULL')) {
    const col = columnName((e.children as Ast[])[0], alias);
    const vt = col ? valueType(columns.get(col)) : null;
    if (!col || !vt) return null;
    const isNull: PredicateNode = { op: 'isNull', children: [{ op: 'column', name: col, valueType: vt }] };
    return e.type === 'OPERATOR_IS_NULL' ? isNull : { op: 'not', children: [isNull] };
  }
  if (e.class === 'OPERATOR' && e.type === 'COMPARE_IN') {
    // IN has no JSON form; an OR of equalities says the same (what Spark's client sends).
    const [first, ...rest] = e.children as Ast[];
    const col = columnName(first, alias);
    const eqs = rest.map((r) => constant(r)).map((v) => (col && v !== null ? compare('equal', col, v, columns) : null));
    if (!col || eqs.length === 0 || eqs.some((x) => x === null)) return null;
    return eqs.length === 1 ? eqs[0] : { op: 'or', children: eqs as PredicateNode[] };
  }
  return null;
}

function compare(op: ComparisonOp, column: string, value: string, columns: ColumnTypes): PredicateNode | null {
  const vt = valueType(columns.get(column));
  if (!vt) return null;
  return { op, children: [{ op: 'column', name: column, valueType: vt }, { op: 'literal', value, valueType: vt }] };
}

function columnName(e: Ast | undefined, alias: string): string | null {
  if (!e || e.class !== 'COLUMN_REF') return null;
  const names = e.column_names as string[];
  if (names.length === 1) return names[0];
  if (names.length === 2 && names[0].toLowerCase() === alias.toLowerCase()) return names[1];
  return null;
}

/** A literal's text as JSON predicates carry it (always a string), or null for anything else. */
function constant(e: Ast | undefined): string | null {
  if (!e) return null;
  if (e.class === 'CAST') return constant(e.child as Ast);
  if (e.class !== 'CONSTANT') return null;
  const v = e.value as { is_null: boolean; value: unknown };
  if (v.is_null) return null;
  return typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean' ? String(v.value) : null;
}

function valueType(deltaType: string | undefined): PredicateValueType | null {
  switch (deltaType) {
    case 'boolean':
      return 'bool';
    case 'byte':
    case 'short':
    case 'integer':
      return 'int';
    case 'long':
      return 'long';
    case 'string':
      return 'string';
    case 'date':
      return 'date';
    case 'float':
      return 'float';
    case 'double':
      return 'double';
    case 'timestamp':
    case 'timestamp_ntz':
      return 'timestamp';
    default:
      return null;
  }
}

/**
 * `LIMIT n` bounds the rows read only on a plain scan: no grouping, ordering or DISTINCT, and a select
 * list of columns (any function could be an aggregate, so functions disqualify).
 */
function plainLimit(node: Ast): number | undefined {
  const mods = (node.modifiers as Ast[]) ?? [];
  if (mods.some((m) => m.type === 'ORDER_MODIFIER' || m.type === 'DISTINCT_MODIFIER')) return undefined;
  if ((node.groups as { group_expressions?: unknown[] })?.group_expressions?.length) return undefined;
  if (node.having || node.qualify || node.sample) return undefined;
  const plain = (e: Ast): boolean => e.class === 'COLUMN_REF' || e.class === 'STAR' || e.class === 'CONSTANT' || (e.class === 'CAST' && plain(e.child as Ast));
  if (!(node.select_list as Ast[]).every(plain)) return undefined;
  const lim = mods.find((m) => m.type === 'LIMIT_MODIFIER');
  if (!lim) return undefined;
  const n = Number(constant(lim.limit as Ast));
  const off = lim.offset ? Number(constant(lim.offset as Ast)) : 0;
  return Number.isInteger(n) && Number.isInteger(off) ? n + off : undefined;
}
