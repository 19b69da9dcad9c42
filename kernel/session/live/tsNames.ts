/**
 * What a TypeScript cell defines and uses, by name, for the live re-run plan: its top-level
 * declarations (which outlive the cell, see rewriteTopLevel) and tables it registers; the
 * identifiers it reads; and the tables named in SQL inside its strings (sql`…`, sharing.load('…')).
 * A string passed to `subscribe(...)` is not a use: the subscription itself follows the table, and
 * re-running the cell would subscribe twice.
 */
import { parse } from 'acorn';
import type { Node, Program } from 'acorn';
import { transformSync } from 'esbuild';
import type { CellNames } from './sqlNames';
import { sqlNames } from './sqlNames';

const DOTTED = /^[A-Za-z_][\w$]*(\.[A-Za-z_][\w$]*){2,3}$/;

type AnyNode = Node & Record<string, unknown>;

export function tsNames(code: string): CellNames {
  let program: Program;
  try {
    const js = transformSync(code, { loader: 'ts', target: 'es2022' }).code;
    program = parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true }) as Program;
  } catch {
    return { defines: [], uses: [] }; // a cell that does not parse cannot run either
  }
  const defines = topLevelNames(program);
  const uses = new Set<string>();
  const skip = new WeakSet<object>();
  const walk = (node: unknown, parent?: AnyNode, key?: string): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => walk(n, parent, key));
    const n = node as AnyNode;
    if (skip.has(n)) return;
    if (n.type === 'Identifier' && !isPropertyName(parent, key)) uses.add(n.name as string);
    if (n.type === 'CallExpression' && isSubscribe(n)) (n.arguments as object[]).forEach((a) => skip.add(a));
    if (n.type === 'CallExpression' && isRegister(n)) defines.push(String(((n.arguments as AnyNode[])[0] as AnyNode).value));
    if (n.type === 'Literal' && typeof n.value === 'string') stringUses(n.value, uses);
    if (n.type === 'TemplateLiteral') stringUses((n.quasis as AnyNode[]).map((q) => (q.value as { cooked: string }).cooked).join(' ? '), uses);
    for (const k of Object.keys(n)) if (k !== 'loc' && k !== 'start' && k !== 'end') walk(n[k], n, k);
  };
  walk(program);
  return { defines, uses: [...uses] };
}

function topLevelNames(program: Program): string[] {
  const out: string[] = [];
  const pattern = (p: AnyNode | null): void => {
    if (!p) return;
    if (p.type === 'Identifier') out.push(p.name as string);
    else if (p.type === 'ObjectPattern') (p.properties as AnyNode[]).forEach((x) => pattern((x.type === 'RestElement' ? x.argument : x.value) as AnyNode));
    else if (p.type === 'ArrayPattern') (p.elements as (AnyNode | null)[]).forEach(pattern);
    else if (p.type === 'AssignmentPattern') pattern(p.left as AnyNode);
    else if (p.type === 'RestElement') pattern(p.argument as AnyNode);
  };
  for (const raw of program.body as AnyNode[]) {
    const st = (raw.type === 'ExportNamedDeclaration' && raw.declaration ? raw.declaration : raw) as AnyNode;
    if (st.type === 'VariableDeclaration') (st.declarations as AnyNode[]).forEach((d) => pattern(d.id as AnyNode));
    else if ((st.type === 'FunctionDeclaration' || st.type === 'ClassDeclaration') && st.id) out.push((st.id as AnyNode).name as string);
    else if (st.type === 'ImportDeclaration') (st.specifiers as AnyNode[]).forEach((s) => out.push((s.local as AnyNode).name as string));
    else if (st.type === 'ExpressionStatement' && (st.expression as AnyNode).type === 'AssignmentExpression') pattern((st.expression as AnyNode).left as AnyNode);
  }
  return out;
}

/** `a.b` (b is a property name, not a variable) and `{ b: 1 }` keys are not uses. */
function isPropertyName(parent: AnyNode | undefined, key: string | undefined): boolean {
  if (!parent) return false;
  if (parent.type === 'MemberExpression' && key === 'property' && !parent.computed) return true;
  if ((parent.type === 'Property' || parent.type === 'PropertyDefinition' || parent.type === 'MethodDefinition') && key === 'key' && !parent.computed) return true;
  return false;
}

function calleeName(n: AnyNode): string | undefined {
  const c = n.callee as AnyNode;
  if (c.type === 'Identifier') return c.name as string;
  if (c.type === 'MemberExpression' && !c.computed) return (c.property as AnyNode).name as string;
  return undefined;
}

function isSubscribe(n: AnyNode): boolean {
  return calleeName(n) === 'subscribe';
}

function isRegister(n: AnyNode): boolean {
  const first = (n.arguments as AnyNode[])[0];
  return calleeName(n) === 'register' && first?.type === 'Literal' && typeof first.value === 'string';
}

/** A string that is a dotted table name, or SQL naming tables. */
function stringUses(text: string, uses: Set<string>): void {
  if (DOTTED.test(text.trim())) uses.add(text.trim());
  else if (/\b(from|join|table_changes)\b/i.test(text)) for (const u of sqlNames(text).uses) uses.add(u);
}
