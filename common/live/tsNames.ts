/**
 * What a TypeScript cell defines and uses, by name, for the live re-run plan: its top-level
 * declarations (which outlive the cell: the session keeps them for the cells below) and the tables
 * it registers; the names it reads; and the tables named in SQL inside its strings (sql`…`,
 * sharing.load('…')). A string passed to `subscribe(...)` is not a use: the subscription itself
 * follows the table, and re-running the cell would subscribe twice.
 *
 * Read from tokens, not a syntax tree, so the window can plan without a parser. Uses over-approximate
 * (a parameter or a type name counts too), which at worst re-runs a cell that did not need it; a cell
 * that does not tokenize, or declares nothing where a name must be, defines and uses nothing, as it
 * could not run either.
 */
import { sqlNames, type CellNames } from './sqlNames';
import { tokenizeTs, type TsToken } from './tsTokens';

const DOTTED = /^[A-Za-z_][\w$]*(\.[A-Za-z_][\w$]*){2,3}$/;

/** Words that can never name a variable in a module, so they are never a use. */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw true try typeof var ' +
    'void while with yield let static implements interface package private protected public await'
  ).split(' '),
);

const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '&=', '|=', '^=', '&&=', '||=', '??=']);
/** A line break before these continues the expression above; before anything else it may end it. */
const ENDS_VALUE = new Set([')', ']', '}', '++', '--']);
const STARTS_STATEMENT = new Set(['[', '(', '{', '!', '~', '++', '--', '...']);

export function tsNames(code: string): CellNames {
  const tokens = tokenizeTs(code);
  const defines = tokens && topLevelNames(tokens);
  if (!tokens || !defines) return { defines: [], uses: [] };
  const uses = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'ident' && !RESERVED.has(t.value) && !isPropertyName(tokens, i)) uses.add(t.value);
    if (t.kind === 'string' || t.kind === 'template') stringUses(t.value, uses);
    if (!isCall(tokens, i)) continue;
    if (t.value === 'register' && tokens[i + 2]?.kind === 'string') defines.push(tokens[i + 2].value);
    if (t.value === 'subscribe') i = closing(tokens, i + 1);
  }
  return { defines, uses: [...uses] };
}

/** `a.b` and `a?.b` (b is a property), `#b`, and `{ b: 1 }` keys are not uses. */
function isPropertyName(tokens: TsToken[], i: number): boolean {
  const prev = tokens[i - 1];
  if (prev?.kind === 'punct' && (prev.value === '.' || prev.value === '?.' || prev.value === '#')) return true;
  const next = tokens[i + 1];
  const key = next?.kind === 'punct' && next.value === ':';
  return key && prev?.kind === 'punct' && (prev.value === '{' || prev.value === ',');
}

function isCall(tokens: TsToken[], i: number): boolean {
  return tokens[i].kind === 'ident' && tokens[i + 1]?.kind === 'punct' && tokens[i + 1].value === '(';
}

/** The index of the bracket that closes the one at `open`. */
function closing(tokens: TsToken[], open: number): number {
  let k = open + 1;
  while (k < tokens.length && tokens[k].depth > tokens[open].depth) k++;
  return k;
}

/** Whether a top-level statement starts at `i` (JavaScript ends statements at `;` and most line breaks). */
function statementStart(tokens: TsToken[], i: number): boolean {
  const t = tokens[i];
  const prev = tokens[i - 1];
  if (t.depth !== 0) return false;
  if (!prev) return true;
  if (prev.kind === 'punct' && prev.value === ';') return true;
  if (prev.kind === 'punct' && prev.value === '}' && t.kind === 'ident') return true;
  if (!t.newlineBefore) return false;
  if (prev.kind === 'punct' && !ENDS_VALUE.has(prev.value)) return false;
  return t.kind !== 'punct' || STARTS_STATEMENT.has(t.value);
}

/** Names the cell's top-level statements declare, or undefined where a declaration names nothing. */
function topLevelNames(tokens: TsToken[]): string[] | undefined {
  const out: string[] = [];
  const word = (k: number) => (tokens[k]?.kind === 'ident' ? tokens[k].value : '');
  for (let i = 0; i < tokens.length; i++) {
    if (!statementStart(tokens, i)) continue;
    let j = i;
    if (word(j) === 'export') j++;
    if (word(j) === 'default') j++;
    // `declare` declares what exists elsewhere, and type-only declarations vanish when compiled.
    if (word(j) === 'declare' || (word(j) === 'type' && word(j + 1)) || word(j) === 'interface') continue;
    if (word(j) === 'async' || word(j) === 'abstract') j++;
    const kw = word(j);
    if ((kw === 'const' && word(j + 1) === 'enum') || ((kw === 'enum' || kw === 'class') && word(j + 1))) {
      out.push(word(j + (kw === 'const' ? 2 : 1)));
    } else if (kw === 'namespace' && word(j + 1)) {
      out.push(word(j + 1));
    } else if (kw === 'const' || kw === 'let' || kw === 'var') {
      if (!declarators(tokens, j + 1, out)) return undefined;
    } else if (kw === 'function') {
      const name = tokens[j + 1]?.value === '*' ? j + 2 : j + 1;
      if (word(name) && tokens[name + 1]?.value !== '.') out.push(word(name));
    } else if (kw === 'import') {
      importNames(tokens, j + 1, out);
    } else if (tokens[j].kind === 'ident' || tokens[j].value === '[') {
      // An assignment statement: `x = …`, `x += …`, `[a, b] = …` (the notebook's globals).
      const names: string[] = [];
      const after = pattern(tokens, j, names);
      if (after !== undefined && tokens[after]?.kind === 'punct' && ASSIGN.has(tokens[after].value)) out.push(...names);
    }
  }
  return out;
}

/** `a = 1, { b, c: [d] }: T = …`: the names, or false where a name must be and is not. */
function declarators(tokens: TsToken[], j: number, out: string[]): boolean {
  for (;;) {
    const after = pattern(tokens, j, out);
    if (after === undefined) return false;
    j = after;
    let angle = 0;
    // A type annotation, then an initializer, both up to the next declarator or the statement's end.
    while (j < tokens.length && !statementStart(tokens, j)) {
      const t = tokens[j];
      if (t.depth === 0 && t.kind === 'punct') {
        if (t.value === '<') angle++;
        if (t.value === '>') angle--;
        if (t.value === ';' || (t.value === ',' && angle <= 0)) break;
      }
      j++;
    }
    if (tokens[j]?.value !== ',') return true;
    j++;
  }
}

/** A binding at `j` (a name, or an object or array pattern): its names into `out`, and where it ends. */
function pattern(tokens: TsToken[], j: number, out: string[]): number | undefined {
  const t = tokens[j];
  if (!t) return undefined;
  if (t.kind === 'ident') {
    if (RESERVED.has(t.value)) return undefined;
    out.push(t.value);
    return j + 1;
  }
  if (t.kind !== 'punct' || (t.value !== '{' && t.value !== '[')) return undefined;
  const end = closing(tokens, j);
  const inner = t.depth + 1;
  let k = j + 1;
  while (k < end) {
    const e = tokens[k];
    if (e.value === ',' && e.kind === 'punct') {
      k++;
      continue;
    }
    if (e.kind === 'punct' && e.value === '...') {
      k = pattern(tokens, k + 1, out) ?? end;
    } else if (t.value === '[') {
      k = pattern(tokens, k, out) ?? end;
    } else {
      // `key`, `key: pattern`, `'key': pattern` or `[expr]: pattern`
      const key = e.kind === 'punct' && e.value === '[' ? closing(tokens, k) : k;
      if (tokens[key + 1]?.value === ':') k = pattern(tokens, key + 2, out) ?? end;
      else if (e.kind === 'ident') k = pattern(tokens, k, out) ?? end;
      else k = key + 1;
    }
    // A default value, up to the next element.
    while (k < end && !(tokens[k].depth === inner && tokens[k].kind === 'punct' && tokens[k].value === ',')) k++;
  }
  return end + 1;
}

/** `import a, { b as c, type T } from …`, `import * as ns from …`; type-only imports define nothing. */
function importNames(tokens: TsToken[], j: number, out: string[]): void {
  const t = (k: number) => tokens[k];
  if (t(j)?.kind === 'ident' && t(j).value === 'type' && t(j + 1)?.value !== ',' && t(j + 1)?.value !== 'from') return;
  if (t(j)?.kind === 'ident' && t(j).value !== 'from') {
    out.push(t(j).value);
    j++;
    if (t(j)?.value === ',') j++;
  }
  if (t(j)?.value === '*' && t(j + 1)?.value === 'as' && t(j + 2)?.kind === 'ident') out.push(t(j + 2).value);
  if (t(j)?.value !== '{' || t(j).kind !== 'punct') return;
  const end = closing(tokens, j);
  for (let k = j + 1; k < end; k++) {
    if (t(k).kind !== 'ident') continue;
    if (t(k).value === 'type' && t(k + 1)?.kind === 'ident' && t(k + 1).value !== 'as') {
      while (k < end && t(k).value !== ',') k++;
      continue;
    }
    const alias = t(k + 1)?.value === 'as' ? k + 2 : k;
    out.push(t(alias).value);
    k = alias;
  }
}

/** A string that is a dotted table name, or SQL naming tables. */
function stringUses(text: string, uses: Set<string>): void {
  if (DOTTED.test(text.trim())) uses.add(text.trim());
  else if (/\b(from|join|table_changes)\b/i.test(text)) for (const u of sqlNames(text).uses) uses.add(u);
}
