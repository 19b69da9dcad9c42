/**
 * A small TypeScript tokenizer for the live re-run plan: enough to tell names from property names,
 * strings and template text from code, and brackets from operators, without a parser (the plan runs
 * in the window, which cannot load one). It returns undefined for text it cannot tokenize (an
 * unclosed string, comment or bracket), which the plan treats as a cell that does not parse.
 */
export type TsTokenKind = 'ident' | 'string' | 'template' | 'number' | 'regex' | 'punct';

export interface TsToken {
  kind: TsTokenKind;
  /** The identifier or punctuation; a string's value; a template's text, its `${}` parts as ` ? `. */
  value: string;
  /** A line break stands between this token and the one before (where JavaScript may end a statement). */
  newlineBefore: boolean;
  /** Brackets (`(`, `[`, `{`, and `${` of templates) open around this token; 0 is the top level. */
  depth: number;
}

const PUNCT = [
  '...',
  '?.',
  '=>',
  '===',
  '!==',
  '**=',
  '&&=',
  '||=',
  '??=',
  '==',
  '!=',
  '<=',
  '>=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '&&',
  '||',
  '??',
  '**',
  '++',
  '--',
];
// Sticky (`y`): each matches at `lastIndex` only, so long cells are not copied for every token.
const IDENT = /[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/uy;
const NUMBER = /(\d|\.\d)[\w.]*/y;
const REGEX = /\/(\\.|\[(\\.|[^\]\\\n])*\]|[^/\\[\n])+\/[a-z]*/y;
/** After these a `/` starts a regular expression; after a value (a name, `)`, `]`) it divides. */
const BEFORE_EXPRESSION = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };
const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

export function tokenizeTs(code: string): TsToken[] | undefined {
  const out: TsToken[] = [];
  /** Open brackets; `${` is pushed as '`' so its `}` resumes the template. */
  const open: string[] = [];
  /** Templates being read: their text so far, and their token. */
  const templates: { parts: string[]; token: TsToken }[] = [];
  let i = 0;
  let newline = false;
  const push = (kind: TsTokenKind, value: string): TsToken => {
    const token = { kind, value, newlineBefore: newline, depth: open.length };
    out.push(token);
    newline = false;
    return token;
  };
  /** Reads a quoted run from `i` (just past the opening quote) to `end`; returns its value or undefined. */
  const quoted = (end: string, stopAtInterpolation: boolean): { value: string; interpolation: boolean } | undefined => {
    let value = '';
    while (i < code.length) {
      const c = code[i];
      if (c === end) {
        i++;
        return { value, interpolation: false };
      }
      if (stopAtInterpolation && c === '$' && code[i + 1] === '{') {
        i += 2;
        return { value, interpolation: true };
      }
      if (c === '\\') {
        value += ESCAPES[code[i + 1]] ?? code[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (!stopAtInterpolation && c === '\n') return undefined;
      value += c;
      i++;
    }
    return undefined;
  };
  /** Reads template text from `i` up to its end or its next `${`. */
  const templateText = (): boolean => {
    const part = quoted('`', true);
    if (!part) return false;
    const t = templates[templates.length - 1];
    t.parts.push(part.value);
    if (part.interpolation) open.push('`');
    else t.token.value = templates.pop()!.parts.join(' ? ');
    return true;
  };

  while (i < code.length) {
    const c = code[i];
    const rest = code.slice(i, i + 4);
    if (c === '\n') {
      newline = true;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (rest.startsWith('//')) {
      const end = code.indexOf('\n', i);
      i = end < 0 ? code.length : end;
    } else if (rest.startsWith('/*')) {
      const end = code.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      if (code.slice(i, end).includes('\n')) newline = true;
      i = end + 2;
    } else if (c === '"' || c === "'") {
      i++;
      const s = quoted(c, false);
      if (!s) return undefined;
      push('string', s.value);
    } else if (c === '`') {
      i++;
      templates.push({ parts: [], token: push('template', '') });
      if (!templateText()) return undefined;
    } else if (c === '/' && startsExpression(out[out.length - 1])) {
      const m = at(REGEX, code, i);
      if (!m) return undefined;
      push('regex', m);
      i += m.length;
    } else if (at(IDENT, code, i) || at(NUMBER, code, i)) {
      const ident = at(IDENT, code, i);
      const m = ident ?? at(NUMBER, code, i)!;
      push(ident ? 'ident' : 'number', m);
      i += m.length;
    } else if (c === '(' || c === '[' || c === '{') {
      push('punct', c);
      open.push(c);
      i++;
    } else if (c === ')' || c === ']' || c === '}') {
      const top = open.pop();
      i++;
      if (top === '`' && c === '}') {
        if (!templateText()) return undefined;
      } else if (top === undefined || CLOSE[top] !== c) {
        return undefined;
      } else {
        push('punct', c);
      }
    } else {
      const op = PUNCT.find((p) => code.startsWith(p, i)) ?? c;
      // `a?.5:1` is a conditional, not optional chaining.
      const value = op === '?.' && /\d/.test(code[i + 2] ?? '') ? '?' : op;
      push('punct', value);
      i += value.length;
    }
  }
  return open.length === 0 && templates.length === 0 ? out : undefined;
}

function at(pattern: RegExp, code: string, i: number): string | undefined {
  pattern.lastIndex = i;
  return pattern.exec(code)?.[0];
}

function startsExpression(prev: TsToken | undefined): boolean {
  if (!prev) return true;
  if (prev.kind === 'ident') return BEFORE_EXPRESSION.has(prev.value);
  if (prev.kind === 'punct') return prev.value !== ')' && prev.value !== ']' && prev.value !== '}';
  return false;
}
