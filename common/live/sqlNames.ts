/**
 * What a SQL cell defines and uses, by name, for the live re-run plan. A tokenizer pass, not a
 * parser: tables are what follows FROM/JOIN (comma lists included), table_changes('…') and an
 * expectation cell's `EXPECT ON`, except those pinned to a version (VERSION/TIMESTAMP AS OF, or a
 * change feed with an ending bound); a cell
 * defines its result name and whatever it CREATEs. Over-approximating only re-runs a cell too many.
 */
import { tokenizeSql, type Token } from '../sqlTokens';

export interface CellNames {
  defines: string[];
  uses: string[];
}

const AFTER_TABLE = new Set([
  'where',
  'group',
  'order',
  'limit',
  'join',
  'left',
  'right',
  'inner',
  'outer',
  'full',
  'cross',
  'natural',
  'on',
  'using',
  'union',
  'except',
  'intersect',
  'having',
  'window',
  'qualify',
  'offset',
  'version',
  'timestamp',
  'as',
  'positional',
  'asof',
  'anti',
  'semi',
  'lateral',
]);

export function sqlNames(code: string, resultName?: string): CellNames {
  const tokens = tokenizeSql(code).filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  const uses: string[] = [];
  const defines: string[] = resultName ? [resultName] : [];
  const word = (i: number) => (tokens[i]?.kind === 'ident' ? tokens[i].value.toLowerCase() : '');
  // An expectation cell (`EXPECT ON demo.silver.orders CONSTRAINT …`) reads its target table.
  if (word(0) === 'expect' && word(1) === 'on') {
    const target = readChain(tokens, 2);
    if (target) uses.push(target.name);
  }
  for (let i = 0; i < tokens.length; i++) {
    const w = word(i);
    if (w === 'table_changes' && tokens[i + 1]?.text === '(' && tokens[i + 2]?.kind === 'string') {
      // A change feed with an ending bound (table_changes('t', 2, 5)) is pinned: new versions never
      // change it, so the cell does not follow the table. Only a starting bound follows it.
      if (changeArgs(tokens, i + 1) < 3) uses.push(tokens[i + 2].value);
    }
    if (w === 'from' || w === 'join') {
      let j = i + 1;
      for (;;) {
        const chain = readChain(tokens, j);
        if (!chain) break;
        j = chain.next;
        // A version pinned by VERSION or TIMESTAMP AS OF never changes: the cell does not follow the
        // table (a live badge and re-runs on each new version would say otherwise).
        const pinned = ['version', 'timestamp'].includes(word(j)) && word(j + 1) === 'as' && word(j + 2) === 'of';
        if (pinned) j += 4;
        else uses.push(chain.name);
        // An alias, with or without AS, then maybe a comma and another table.
        if (word(j) === 'as') j++;
        if ((tokens[j]?.kind === 'ident' && !AFTER_TABLE.has(word(j))) || tokens[j]?.kind === 'quoted') j++;
        if (tokens[j]?.text !== ',') break;
        j++;
      }
    }
    if (w === 'create') {
      let j = i + 1;
      while (['or', 'replace', 'temp', 'temporary'].includes(word(j))) j++;
      if (word(j) !== 'table' && word(j) !== 'view') continue;
      j++;
      if (word(j) === 'if') j += 3; // IF NOT EXISTS
      const chain = readChain(tokens, j);
      if (chain) defines.push(chain.name);
    }
  }
  return { defines, uses };
}

/** How many arguments the call whose `(` is at `open` has (commas at its own depth, plus one). */
function changeArgs(tokens: Token[], open: number): number {
  let depth = 0;
  let args = 1;
  for (let j = open; j < tokens.length; j++) {
    const text = tokens[j].text;
    if (text === '(') depth++;
    else if (text === ')' && --depth === 0) break;
    else if (text === ',' && depth === 1) args++;
  }
  return args;
}

/** A dotted name starting at `i` (identifiers or quoted), or undefined when none starts there. */
function readChain(tokens: Token[], i: number): { name: string; next: number } | undefined {
  const part = (t?: Token) => t && (t.kind === 'ident' || t.kind === 'quoted');
  if (!part(tokens[i]) || (tokens[i].kind === 'ident' && AFTER_TABLE.has(tokens[i].value.toLowerCase()))) return undefined;
  const parts = [tokens[i].value];
  let j = i + 1;
  while (tokens[j]?.text === '.' && part(tokens[j + 1])) {
    parts.push(tokens[j + 1].value);
    j += 2;
  }
  // A table function (read_parquet(...), range(...)) is not a table name.
  if (tokens[j]?.text === '(') return undefined;
  return { name: parts.join('.'), next: j };
}
