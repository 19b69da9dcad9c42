/**
 * Parses an expectation cell, the rule syntax Delta Live Tables pipelines already use:
 *
 *   EXPECT ON demo.silver.orders
 *     CONSTRAINT has_id EXPECT (order_id IS NOT NULL) ON VIOLATION FAIL UPDATE,
 *     CONSTRAINT fair_price EXPECT (amount_eur BETWEEN 500 AND 500000) ON VIOLATION DROP ROW,
 *     CONSTRAINT known_make EXPECT (make IN (SELECT make FROM makes));
 *
 * The target is any table expression up to the first CONSTRAINT (a shared table, a result, even
 * `t VERSION AS OF 3`), alone when expectations.yml holds its rules; a condition is DuckDB SQL inside balanced parentheses, kept as written.
 * Errors point at the rule and its line and column, since a cell may hold dozens of rules.
 */
import { SiltError } from '../SiltError';
import { tokenizeSql, type Token } from '../sqlTokens';

/** What a failing row does: count it (warn, the default), leave it out (drop) or fail the cell (fail). */
export type ViolationAction = 'warn' | 'drop' | 'fail';

export interface Expectation {
  name: string;
  /** DuckDB SQL, as written between the outer parentheses. */
  condition: string;
  action: ViolationAction;
  /** Where the rule starts in the cell (1-based), for messages. */
  line: number;
  column: number;
  /** Offset of the condition in the cell's text, so DuckDB's errors about it can mark the cell (rules of a cell only). */
  conditionAt?: number;
}

export interface ExpectationCell {
  /** The checked table expression, as written (shared names are resolved later, like any SQL). */
  target: string;
  /** Offset of the target in the cell's text. */
  targetAt: number;
  rules: Expectation[];
}

/** True when a SQL cell is an expectation cell: its first words (after comments) are EXPECT ON. */
export function isExpectationCell(sql: string): boolean {
  const words = tokenizeSql(sql).filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  return words[0]?.kind === 'ident' && words[0].value.toUpperCase() === 'EXPECT' && words[1]?.value.toUpperCase() === 'ON';
}

/** The SiltError every syntax problem becomes: it names the rule and where the problem is. */
export class ExpectationSyntaxError extends SiltError {
  override name = 'ExpectationSyntaxError';
  /** The heading a cell's error shows (as SQL errors show "Parser Error"). */
  readonly kind = 'Expectation syntax error';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super('bad-request', message);
  }
}

export function parseExpectations(sql: string): ExpectationCell {
  const where = position(sql);
  const fail = (at: number, rule: string | null, what: string): never => {
    const { line, column } = where(at);
    throw new ExpectationSyntaxError(`${rule ? `${rule} ` : ''}(line ${line}, column ${column}): ${what}`, line, column);
  };
  const all = tokenizeSql(sql);
  for (const t of all) {
    if ((t.kind === 'string' || t.kind === 'quoted') && (t.text.length < 2 || t.text[t.text.length - 1] !== t.text[0])) {
      fail(t.start, null, `this ${t.kind === 'string' ? 'string' : 'quoted name'} is never closed`);
    }
    if (t.kind === 'comment' && t.text.startsWith('/*') && !t.text.endsWith('*/')) fail(t.start, null, 'this comment is never closed');
  }
  const code = all.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  // A trailing semicolon ends the cell; anything after it is a second statement, which is not allowed.
  const semi = code.findIndex((t) => t.text === ';');
  if (semi >= 0 && semi < code.length - 1)
    fail(code[semi + 1].start, null, 'an expectation cell holds one EXPECT ON statement; remove what follows ";"');
  const toks = semi >= 0 ? code.slice(0, semi) : code;
  const end = semi >= 0 ? code[semi].start : sql.length;
  const word = (t: Token | undefined, w: string) => t?.kind === 'ident' && t.value.toUpperCase() === w;

  if (!word(toks[0], 'EXPECT') || !word(toks[1], 'ON'))
    fail(toks[0]?.start ?? 0, null, 'an expectation cell starts with EXPECT ON <table>');
  // The target: every token up to the first CONSTRAINT outside parentheses.
  let i = 2;
  let depth = 0;
  while (i < toks.length && !(depth === 0 && word(toks[i], 'CONSTRAINT'))) {
    depth += toks[i].text === '(' ? 1 : toks[i].text === ')' ? -1 : 0;
    i++;
  }
  if (i === 2) fail(toks[2]?.start ?? end, null, 'EXPECT ON needs the table to check');
  const target = sql.slice(toks[2].start, toks[i - 1].end).trim();
  // No rules here is allowed: the rules may come from expectations.yml (the check says so if none do).

  const rules: Expectation[] = [];
  const seen = new Map<string, Expectation>();
  while (i < toks.length) {
    const start = toks[i];
    const ordinal = `Rule ${rules.length + 1}`;
    if (!word(start, 'CONSTRAINT')) fail(start.start, ordinal, `expected CONSTRAINT, found ${start.text}`);
    const nameTok = toks[i + 1];
    const unnamed = word(nameTok, 'EXPECT') && toks[i + 2]?.text === '(';
    if (!nameTok || unnamed || (nameTok.kind !== 'ident' && nameTok.kind !== 'quoted') || nameTok.value === '') {
      fail(nameTok?.start ?? end, ordinal, 'CONSTRAINT needs a name');
    }
    const name = nameTok.value;
    const label = `Rule "${name}"`;
    if (!word(toks[i + 2], 'EXPECT'))
      fail(toks[i + 2]?.start ?? end, label, `expected EXPECT (condition) after the name, found ${toks[i + 2]?.text ?? 'the end'}`);
    const open = toks[i + 3];
    if (open?.text !== '(') fail(open?.start ?? end, label, 'the condition goes in parentheses: EXPECT (condition)');
    let j = i + 4;
    for (let d = 1; j < toks.length; j++) {
      if (toks[j].text === '(') d++;
      else if (toks[j].text === ')' && --d === 0) break;
    }
    if (j >= toks.length) fail(open.start, label, 'this parenthesis is never closed');
    const written = sql.slice(open.end, toks[j].start);
    const condition = written.trim();
    const conditionAt = open.end + written.length - written.trimStart().length;
    if (condition === '') fail(open.start, label, 'the condition is empty');
    j++;
    let action: ViolationAction = 'warn';
    if (word(toks[j], 'ON')) {
      if (!word(toks[j + 1], 'VIOLATION'))
        fail(toks[j + 1]?.start ?? end, label, 'expected ON VIOLATION FAIL UPDATE or ON VIOLATION DROP ROW');
      if (word(toks[j + 2], 'FAIL') && word(toks[j + 3], 'UPDATE')) action = 'fail';
      else if (word(toks[j + 2], 'DROP') && word(toks[j + 3], 'ROW')) action = 'drop';
      else fail(toks[j + 2]?.start ?? end, label, 'ON VIOLATION takes FAIL UPDATE or DROP ROW');
      j += 4;
    }
    const { line, column } = where(start.start);
    const rule = { name, condition, action, line, column, conditionAt };
    const earlier = seen.get(name.toLowerCase());
    if (earlier) fail(nameTok.start, label, `the name is already used by the rule on line ${earlier.line}; rule names must be unique`);
    seen.set(name.toLowerCase(), rule);
    rules.push(rule);
    if (j < toks.length) {
      if (toks[j].text !== ',') fail(toks[j].start, label, `expected "," before the next rule, found ${toks[j].text}`);
      j++;
      if (j === toks.length) fail(end, label, 'a "," must be followed by another CONSTRAINT');
    }
    i = j;
  }
  return { target, targetAt: toks[2].start, rules };
}

/** Offset → 1-based line and column. */
function position(text: string): (offset: number) => { line: number; column: number } {
  return (offset) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n') };
  };
}
