/**
 * What a SQL statement lets the session ask the server to skip: the WHERE over one shared table as
 * the client's `WhereExpr` (which it turns into jsonPredicateHints, typed by the table schema), and a
 * top-level LIMIT. DuckDB parses the statement (json_serialize_sql) so nothing here re-implements SQL.
 * Hints are best effort on the server; DuckDB re-applies the full WHERE and LIMIT to whatever comes
 * back, so a hint can only save downloads, never change a result.
 */
import type { WhereExpr } from '../../sharing/client';

export interface PushdownHints {
  where?: WhereExpr;
  limit?: number;
}

type Ast = Record<string, unknown> & { class?: string; type?: string };

const COMPARE: Record<string, '=' | '<>' | '<' | '<=' | '>' | '>='> = {
  COMPARE_EQUAL: '=',
  COMPARE_NOTEQUAL: '<>',
  COMPARE_LESSTHAN: '<',
  COMPARE_LESSTHANOREQUALTO: '<=',
  COMPARE_GREATERTHAN: '>',
  COMPARE_GREATERTHANOREQUALTO: '>=',
};
const FLIP = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

/** Hints for `view` from one statement's serialized AST (the `node` of json_serialize_sql). */
export function pushdownHints(node: Ast, view: string): PushdownHints {
  if (node.type !== 'SELECT_NODE') return {};
  const from = node.from_table as Ast | undefined;
  if (!from || from.type !== 'BASE_TABLE' || String(from.table_name).toLowerCase() !== view.toLowerCase()) return {};
  const alias = typeof from.alias === 'string' && from.alias ? from.alias : view;
  const hints: PushdownHints = {};
  const where = node.where_clause as Ast | null;
  if (where) hints.where = toWhere(where, alias);
  const limit = plainLimit(node);
  if (limit !== undefined) hints.limit = limit;
  return hints;
}

function toWhere(e: Ast, alias: string): WhereExpr {
  if (e.class === 'CONJUNCTION') {
    return { kind: e.type === 'CONJUNCTION_AND' ? 'and' : 'or', args: (e.children as Ast[]).map((c) => toWhere(c, alias)) };
  }
  if (e.class === 'OPERATOR' && e.type === 'OPERATOR_NOT') return { kind: 'not', arg: toWhere((e.children as Ast[])[0], alias) };
  if (e.class === 'COMPARISON' && COMPARE[String(e.type)]) {
    let op = COMPARE[String(e.type)];
    let column = columnName(e.left as Ast, alias);
    let value = constant(e.right as Ast);
    if (column === null) {
      column = columnName(e.right as Ast, alias);
      value = constant(e.left as Ast);
      op = FLIP[op];
    }
    return column !== null && value !== undefined ? { kind: 'compare', op, column, value } : { kind: 'other' };
  }
  if (e.class === 'OPERATOR' && (e.type === 'OPERATOR_IS_NULL' || e.type === 'OPERATOR_IS_NOT_NULL')) {
    const column = columnName((e.children as Ast[])[0], alias);
    return column === null ? { kind: 'other' } : { kind: e.type === 'OPERATOR_IS_NULL' ? 'isNull' : 'isNotNull', column };
  }
  if (e.class === 'OPERATOR' && e.type === 'COMPARE_IN') {
    const [first, ...rest] = e.children as Ast[];
    const column = columnName(first, alias);
    const values = rest.map(constant);
    if (column === null || values.some((v) => v === undefined || v === null)) return { kind: 'other' };
    return { kind: 'in', column, values: values as (string | number | boolean)[] };
  }
  return { kind: 'other' };
}

function columnName(e: Ast | undefined, alias: string): string | null {
  if (!e || e.class !== 'COLUMN_REF') return null;
  const names = e.column_names as string[];
  if (names.length === 1) return names[0];
  if (names.length === 2 && names[0].toLowerCase() === alias.toLowerCase()) return names[1];
  return null;
}

/** A literal's value, or undefined for anything that is not a constant. */
function constant(e: Ast | undefined): string | number | boolean | null | undefined {
  if (!e) return undefined;
  if (e.class === 'CAST') return constant(e.child as Ast);
  if (e.class !== 'CONSTANT') return undefined;
  const v = e.value as { is_null: boolean; value: unknown };
  if (v.is_null) return null;
  return typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean' ? v.value : undefined;
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
  const plain = (e: Ast): boolean =>
    e.class === 'COLUMN_REF' || e.class === 'STAR' || e.class === 'CONSTANT' || (e.class === 'CAST' && plain(e.child as Ast));
  if (!(node.select_list as Ast[]).every(plain)) return undefined;
  const lim = mods.find((m) => m.type === 'LIMIT_MODIFIER');
  if (!lim) return undefined;
  const n = Number(constant(lim.limit as Ast));
  const off = lim.offset ? Number(constant(lim.offset as Ast)) : 0;
  return Number.isInteger(n) && Number.isInteger(off) ? n + off : undefined;
}
