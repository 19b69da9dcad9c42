import { describe, expect, it } from 'vitest';
import { tsNames } from '../../../../common/live/tsNames';
import { tokenizeTs } from '../../../../common/live/tsTokens';

const defines = (code: string) => tsNames(code).defines.sort();
const uses = (code: string) => tsNames(code).uses;

describe('tsNames: what a TypeScript cell leaves for the cells below', () => {
  it('every declarator of a statement, across type annotations with commas in them', () => {
    expect(defines('const a = 1, b = f(x, y)\nlet c: Map<string, number> = new Map(), d = [1, 2]\nvar e')).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
  });

  it('destructuring with defaults, nested patterns, holes and rest', () => {
    const code = 'const { a = 1, b: { c, d = fallback }, ...rest } = source\nconst [p, , q = 2, ...others] = list';
    expect(defines(code)).toEqual(['a', 'c', 'd', 'others', 'p', 'q', 'rest']);
    expect(uses(code)).toEqual(expect.arrayContaining(['fallback', 'source', 'list']));
  });

  it('assignments at the top level define the notebook globals they set', () => {
    expect(defines('y = 3\nz += 1\n;[p, q] = [q, p]\nobj.field = 2\nif (ok) w == 1')).toEqual(['p', 'q', 'y', 'z']);
  });

  it('a statement continued on the next line is one statement', () => {
    expect(defines('const x = foo\n  .bar()\n  .baz(qux)\nconst y = a +\n  b')).toEqual(['x', 'y']);
    expect(uses('const x = foo\n  .bar()')).not.toContain('bar');
  });

  it('names inside functions and blocks stay there', () => {
    const code = 'function f(p: number) {\n  const inner = p\n  g = 1\n}\nfor (const item of items) { seen = item }';
    expect(defines(code)).toEqual(['f']);
  });

  it('imports, classes, enums and namespaces define; type-only declarations do not', () => {
    const code = `import * as dfd from 'danfojs'
import def, { one, type Two, three as four } from 'lib'
import type { T } from 'types'
import 'side-effect'
enum Color { Red }
const enum Flag { A }
namespace NS { export const v = 1 }
declare const ext: number
type Alias = { a: string }
interface Shape { w: number }
export abstract class Base {}
export default function () {}
async function load() {}
function* gen() {}`;
    expect(defines(code)).toEqual(['Base', 'Color', 'Flag', 'NS', 'def', 'dfd', 'four', 'gen', 'load', 'one']);
  });

  it('property names and object keys are not uses; shorthand properties and computed keys are', () => {
    const u = uses('show({ key: value, short, [computed]: other }, a.b?.c, x?.[idx])');
    expect(u).toEqual(expect.arrayContaining(['show', 'value', 'short', 'computed', 'other', 'a', 'x', 'idx']));
    for (const name of ['key', 'b', 'c']) expect(u).not.toContain(name);
  });

  it('tables named in nested template literals are found; a regular expression is not SQL', () => {
    const code = 'const t = sql`SELECT * FROM ${`demo.gold.${kind}`} JOIN demo.silver.b ON 1`\nconst r = /FROM a.b.c/';
    const u = uses(code);
    expect(u).toEqual(expect.arrayContaining(['demo.silver.b', 'kind']));
    expect(u).not.toContain('a.b.c');
  });

  it('nothing inside subscribe(...) is a use, names or tables', () => {
    const u = uses(`sharing.subscribe('demo.gold.daily_sales', (rows) => console.log(rows, secret))\nshow(other)`);
    expect(u).toEqual(expect.arrayContaining(['sharing', 'show', 'other']));
    for (const name of ['demo.gold.daily_sales', 'secret', 'rows', 'console']) expect(u).not.toContain(name);
  });

  it('strings keep their escapes apart from the SQL they hold', () => {
    expect(uses('const s = "say \\"hi\\" FROM demo.gold.t"')).toContain('demo.gold.t');
  });

  it('cells that cannot run define and use nothing', () => {
    const broken = ['const = ;', 'const a = (1 + 2', "const s = 'unterminated", 'const t = `open ${x}', 'a /* open'];
    for (const code of broken) {
      expect(tsNames(code), code).toEqual({ defines: [], uses: [] });
    }
  });
});

describe('tokenizeTs', () => {
  it('tells a regular expression from a division by what comes before', () => {
    const kinds = tokenizeTs('a / b / c; x = /[/]\\//g.test(s)')!.map((t) => t.kind);
    expect(kinds.filter((k) => k === 'regex')).toHaveLength(1);
    expect(tokenizeTs('return /x/')!.map((t) => t.kind)).toEqual(['ident', 'regex']);
  });

  it('reads a template with its parts, and the code inside ${} as tokens one level down', () => {
    const tokens = tokenizeTs('f(`a ${b} c`)')!;
    expect(tokens.map((t) => [t.kind, t.value, t.depth])).toEqual([
      ['ident', 'f', 0],
      ['punct', '(', 0],
      ['template', 'a  ?  c', 1],
      ['ident', 'b', 2],
      ['punct', ')', 0],
    ]);
  });

  it('marks line breaks (comments included) and reads unicode names and numbers', () => {
    const tokens = tokenizeTs('größe /* a\nb */ 数据\n1_000n')!;
    expect(tokens.map((t) => [t.value, t.newlineBefore])).toEqual([
      ['größe', false],
      ['数据', true],
      ['1_000n', true],
    ]);
  });

  it('refuses mismatched brackets', () => {
    expect(tokenizeTs('f(]')).toBeUndefined();
    expect(tokenizeTs('}')).toBeUndefined();
  });
});
