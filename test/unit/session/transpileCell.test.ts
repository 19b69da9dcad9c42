import { runInThisContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { transpileCell, CellSyntaxError } from '../../../kernel/session/ts/transpileCell';

/** Runs a cell the way the session does and returns its value. */
async function run(source: string, name: string): Promise<unknown> {
  return runInThisContext(transpileCell(source, `${name}.ts`).code, { filename: `${name}.js` });
}

const g = globalThis as Record<string, unknown>;

describe('TypeScript cells', () => {
  it('keep const, let, destructured names, functions and classes for later cells', async () => {
    await run(
      'const t1a: number = 2\nlet { t1b, t1c: [t1d] } = { t1b: 3, t1c: [4] }\nfunction t1f(x: number) { return x * t1a }\nclass T1K { v = 7 }',
      'c1',
    );
    expect(await run('t1f(t1b) + t1d + new T1K().v', 'c2')).toBe(6 + 4 + 7);
  });

  it('can be run again without "already declared" errors', async () => {
    await run('const t2 = 1', 'c3');
    await run('const t2 = 2', 'c4');
    expect(g.t2).toBe(2);
  });

  it('support top-level await and show the last expression', async () => {
    expect(await run('const t3 = await Promise.resolve(20)\nt3 + 1', 'c5')).toBe(21);
  });

  it('have no value when the last statement is not an expression', async () => {
    expect(await run('const t4 = 1', 'c6')).toBeUndefined();
  });

  it('report syntax errors with the line in the cell', () => {
    try {
      transpileCell('const ok = 1\nconst bad = ;', 'c7.ts');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CellSyntaxError);
      expect((e as CellSyntaxError).line).toBe(2);
    }
  });

  it('map runtime errors to the line in the cell, not the generated code', async () => {
    const source = 'type Row = { a: number }\nconst rows: Row[] = []\n\n// a comment\nconst x = (null as any).boom';
    const cell = transpileCell(source, 'c8.ts');
    try {
      await runInThisContext(cell.code, { filename: 'c8.js' });
      expect.unreachable();
    } catch (e) {
      const m = /c8\.js:(\d+):(\d+)/.exec((e as Error).stack ?? '')!;
      expect(cell.originalLine(Number(m[1]), Number(m[2]) - 1)).toBe(5);
    }
  });
});
