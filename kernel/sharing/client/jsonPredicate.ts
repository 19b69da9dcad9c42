import type { PredicateNode, PredicateValueType } from '../predicate';

/** A JSON predicate tree (§JSON predicates for Filtering), as kernel/sharing defines it. */
export type JsonPredicate = PredicateNode;
type ValueType = PredicateValueType;

/** A simple WHERE tree the engine builds from DuckDB's parse; anything else cannot be sent. */
export type WhereExpr =
  | { kind: 'compare'; op: '=' | '<>' | '!=' | '<' | '<=' | '>' | '>='; column: string; value: string | number | boolean | null }
  | { kind: 'and' | 'or'; args: WhereExpr[] }
  | { kind: 'not'; arg: WhereExpr }
  | { kind: 'isNull' | 'isNotNull'; column: string }
  | { kind: 'in'; column: string; values: (string | number | boolean)[] }
  | { kind: 'other' };

const OPS = { '=': 'equal', '<': 'lessThan', '<=': 'lessThanOrEqual', '>': 'greaterThan', '>=': 'greaterThanOrEqual' } as const;

/**
 * WHERE → jsonPredicateHints (checklist 20–21), or null when it cannot be expressed. Column types
 * come from the table schema (`columnTypes`: column name → Delta type name); unknown columns or
 * types make the whole hint null. Under AND an inexpressible part is dropped (hints may be wider,
 * never narrower, checklist 22); under OR or NOT it makes the node inexpressible.
 */
export function toJsonPredicate(expr: WhereExpr, columnTypes: Record<string, string>): JsonPredicate | null {
  const col = (name: string) => {
    const vt = valueType(columnTypes[name] ?? findCaseInsensitive(columnTypes, name));
    return vt ? { op: 'column' as const, name, valueType: vt } : null;
  };
  switch (expr.kind) {
    case 'compare': {
      const c = col(expr.column);
      if (!c || expr.value === null) return null;
      const lit = { op: 'literal' as const, value: String(expr.value), valueType: c.valueType };
      if (expr.op === '<>' || expr.op === '!=') return { op: 'not', children: [{ op: 'equal', children: [c, lit] }] };
      return { op: OPS[expr.op], children: [c, lit] };
    }
    case 'isNull':
    case 'isNotNull': {
      const c = col(expr.column);
      if (!c) return null;
      const isNull: JsonPredicate = { op: 'isNull', children: [c] };
      return expr.kind === 'isNull' ? isNull : { op: 'not', children: [isNull] };
    }
    case 'in': {
      // No `in` op: rewrite as an OR of equals (as Spark does).
      const c = col(expr.column);
      if (!c || expr.values.length === 0) return null;
      const eqs: JsonPredicate[] = expr.values.map((v) => ({
        op: 'equal',
        children: [c, { op: 'literal', value: String(v), valueType: c.valueType }],
      }));
      return eqs.length === 1 ? eqs[0] : { op: 'or', children: eqs };
    }
    case 'not': {
      const inner = toJsonPredicate(expr.arg, columnTypes);
      return inner ? { op: 'not', children: [inner] } : null;
    }
    case 'and': {
      const parts = expr.args.map((a) => toJsonPredicate(a, columnTypes)).filter((p): p is JsonPredicate => p !== null);
      if (parts.length === 0) return null;
      return parts.length === 1 ? parts[0] : { op: 'and', children: parts };
    }
    case 'or': {
      const parts = expr.args.map((a) => toJsonPredicate(a, columnTypes));
      if (parts.some((p) => p === null) || parts.length === 0) return null;
      return parts.length === 1 ? parts[0]! : { op: 'or', children: parts as JsonPredicate[] };
    }
    default:
      return null;
  }
}

function findCaseInsensitive(types: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(types).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? types[key] : undefined;
}

function valueType(deltaType: string | undefined): ValueType | null {
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
      return 'timestamp';
    default:
      return null;
  }
}
