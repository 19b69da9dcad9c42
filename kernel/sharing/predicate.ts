/** The value types a JSON predicate leaf may declare (§JSON predicates for Filtering). */
export type PredicateValueType = 'bool' | 'int' | 'long' | 'string' | 'date' | 'float' | 'double' | 'timestamp';

export type ComparisonOp = 'equal' | 'lessThan' | 'lessThanOrEqual' | 'greaterThan' | 'greaterThanOrEqual';

export interface ColumnNode {
  op: 'column';
  name: string;
  valueType: PredicateValueType;
}
export interface LiteralNode {
  op: 'literal';
  /** Always a string on the wire, whatever the valueType. */
  value: string;
  valueType: PredicateValueType;
}
export type LeafNode = ColumnNode | LiteralNode;

export type PredicateNode =
  | { op: ComparisonOp; children: [LeafNode, LeafNode] }
  | { op: 'isNull'; children: [LeafNode] }
  | { op: 'not'; children: [PredicateNode] }
  | { op: 'and' | 'or'; children: PredicateNode[] };

const VALUE_TYPES = new Set<string>(['bool', 'int', 'long', 'string', 'date', 'float', 'double', 'timestamp']);
const COMPARISONS = new Set<string>(['equal', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual']);
const MAX_DEPTH = 100;

/**
 * Parses and checks a `jsonPredicateHints` string. Throws on anything outside the spec's grammar;
 * a server catches that and skips filtering, as the spec asks.
 */
export function parsePredicate(json: string): PredicateNode {
  return checkNode(JSON.parse(json) as unknown, 0);
}

function checkNode(raw: unknown, depth: number): PredicateNode {
  if (depth > MAX_DEPTH) throw new Error('predicate is nested too deeply');
  const node = asObject(raw);
  const op = node.op;
  const children = Array.isArray(node.children) ? (node.children as unknown[]) : undefined;
  if (typeof op !== 'string') throw new Error('predicate node has no "op"');
  if (COMPARISONS.has(op)) {
    if (children?.length !== 2) throw new Error(`"${op}" needs exactly 2 children`);
    return { op: op as ComparisonOp, children: [checkLeaf(children[0]), checkLeaf(children[1])] };
  }
  if (op === 'isNull') {
    if (children?.length !== 1) throw new Error('"isNull" needs exactly 1 child');
    return { op, children: [checkLeaf(children[0])] };
  }
  if (op === 'not') {
    if (children?.length !== 1) throw new Error('"not" needs exactly 1 child');
    return { op, children: [checkNode(children[0], depth + 1)] };
  }
  if (op === 'and' || op === 'or') {
    if (!children || children.length < 2) throw new Error(`"${op}" needs at least 2 children`);
    return { op, children: children.map((c) => checkNode(c, depth + 1)) };
  }
  throw new Error(`unknown predicate op "${op}"`);
}

function checkLeaf(raw: unknown): LeafNode {
  const node = asObject(raw);
  const valueType = node.valueType;
  if (typeof valueType !== 'string' || !VALUE_TYPES.has(valueType)) throw new Error(`unknown valueType ${JSON.stringify(valueType)}`);
  const type = valueType as PredicateValueType;
  if (node.op === 'column') {
    if (typeof node.name !== 'string' || node.name === '') throw new Error('column node needs a "name"');
    return { op: 'column', name: node.name, valueType: type };
  }
  if (node.op === 'literal') {
    if (typeof node.value !== 'string') throw new Error('literal "value" must be a string');
    return { op: 'literal', value: node.value, valueType: type };
  }
  throw new Error(`expected a column or literal, got ${JSON.stringify(node.op)}`);
}

function asObject(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('predicate node is not an object');
  return raw as Record<string, unknown>;
}
