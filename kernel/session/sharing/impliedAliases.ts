/**
 * The alias DuckDB itself gives a table read by a dotted name: `FROM demo.silver.orders` binds as
 * `orders`, so the analyst may write `orders.amount`. Silt reads that name through a view named
 * `"demo.silver.orders"`, which would bind as that whole name; so where the analyst wrote no alias,
 * the rewrite adds the one DuckDB would have given. Only where a FROM or JOIN item takes an alias:
 * never after DESCRIBE, SUMMARIZE, INSERT INTO, COPY, PIVOT or inside a function's arguments.
 */
import type { Token } from '../../../common/sqlTokens';
import { scopeChains } from './fromScopes';

/** A shared name found in the cell: its first and last token (indexes into the code tokens) and its implied alias. */
export interface AliasCandidate {
  first: number;
  last: number;
  alias: string;
}

/** Words that may follow a FROM item that has no alias: after any other word, the item already has one. */
const AFTER_ITEM = new Set([
  'where',
  'join',
  'inner',
  'left',
  'right',
  'full',
  'cross',
  'natural',
  'positional',
  'asof',
  'anti',
  'semi',
  'outer',
  'on',
  'using',
  'group',
  'order',
  'limit',
  'offset',
  'union',
  'except',
  'intersect',
  'having',
  'window',
  'qualify',
  'tablesample',
  'select',
  'pivot',
  'unpivot',
  'returning',
]);

/** Words that start a clause: looking back from a comma, the first one met tells whether it lists FROM items. */
const CLAUSE = new Set([
  'from',
  'join',
  'select',
  'where',
  'group',
  'having',
  'order',
  'limit',
  'offset',
  'qualify',
  'window',
  'values',
  'set',
  'into',
  'update',
  'returning',
  'union',
  'except',
  'intersect',
  'describe',
  'summarize',
  'table',
  'pivot',
  'unpivot',
  'copy',
  'insert',
  'delete',
  'create',
]);

/**
 * Of `candidates` (in text order), the ones that get their implied alias, by index into `candidates`.
 * Two in the same FROM list with the same alias get none: DuckDB would call either reference ambiguous,
 * and a query that qualifies neither still runs.
 */
export function impliedAliases(code: readonly Token[], candidates: readonly AliasCandidate[]): Set<number> {
  const scopes = scopeChains(code).map((chain) => chain[0]);
  const taking = candidates.map((c, i) => ({ c, i })).filter(({ c }) => takesAlias(code, c.first, c.last));
  const count = new Map<string, number>();
  const key = (c: AliasCandidate) => `${scopes[c.first]}\n${c.alias.toLowerCase()}`;
  for (const { c } of taking) count.set(key(c), (count.get(key(c)) ?? 0) + 1);
  return new Set(taking.filter(({ c }) => count.get(key(c)) === 1).map(({ i }) => i));
}

const word = (t: Token | undefined) => (t?.kind === 'ident' ? t.value.toLowerCase() : undefined);

/** Whether the item from `first` to `last` is a FROM or JOIN item written without an alias. */
function takesAlias(code: readonly Token[], first: number, last: number): boolean {
  return bareAt(code[last + 1]) && inFromList(code, first);
}

function bareAt(next: Token | undefined): boolean {
  return next === undefined || next.text === ';' || next.text === ',' || next.text === ')' || AFTER_ITEM.has(word(next) ?? '');
}

/** The alias the analyst wrote after the item ending at `last` (`t o`, `t AS "O"`), as a token. */
export function typedAlias(code: readonly Token[], last: number): Token | undefined {
  const next = code[last + 1];
  if (bareAt(next)) return undefined;
  const alias = word(next) === 'as' ? code[last + 2] : next;
  return alias?.kind === 'ident' || alias?.kind === 'quoted' ? alias : undefined;
}

export function inFromList(code: readonly Token[], first: number): boolean {
  const before = code[first - 1];
  const isFrom = (at: number) => word(code[at]) === 'from' && word(code[at - 1]) !== 'delete';
  if (word(before) === 'join') return true;
  if (word(before) === 'from') return isFrom(first - 1);
  if (before?.text !== ',') return false;
  for (let i = first - 2, depth = 0; i >= 0; i--) {
    const t = code[i];
    if (t.text === ')') depth++;
    else if (t.text === '(') {
      // An open parenthesis of our own level: the comma separates a function's arguments or a list.
      if (depth === 0) return false;
      depth--;
    } else if (t.text === ';' && depth === 0) return false;
    else if (depth === 0 && CLAUSE.has(word(t) ?? '')) return word(t) === 'join' || isFrom(i);
  }
  return false;
}
