/** DuckDB's LINE and caret lines read back into an offset, and written again for another text. */
import { describe, expect, it } from 'vitest';
import { lineColumnAt, locateErrorContext, renderErrorContext, splitErrorContext } from '../../../kernel/engine/errorContext';

describe('splitErrorContext and locateErrorContext', () => {
  it('finds the offset a whole line’s caret points at', () => {
    const sql = 'SELECT 1;\nSELECT amout FROM t';
    const ctx = splitErrorContext('Referenced column "amout" not found\n\nLINE 2: SELECT amout FROM t\n               ^')!;
    expect(ctx).toMatchObject({ detail: 'Referenced column "amout" not found', line: 2, cutStart: false, caret: 7 });
    expect(sql.slice(locateErrorContext(sql, ctx))).toBe('amout FROM t');
  });

  it('finds it in a line DuckDB cut at both ends, whose "..." are not the SQL', () => {
    const line = `SELECT ${'a, '.repeat(30)}amout, ${'b, '.repeat(30)}c FROM t`;
    const at = line.indexOf('amout');
    const message = `x\n\n${renderErrorContext(line, at)}`;
    expect(message).toMatch(/LINE 1: \.\.\..*\.\.\.\n/);
    const ctx = splitErrorContext(message)!;
    expect(ctx.cutStart).toBe(true);
    expect(locateErrorContext(line, ctx)).toBe(at);
  });

  it('counts wide characters as two columns, as DuckDB does, and lands on the right UTF-16 offset', () => {
    const sql = "SELECT '東京' AS city, amout FROM t";
    const at = sql.indexOf('amout');
    const ctx = splitErrorContext(`x\n\n${renderErrorContext(sql, at)}`)!;
    expect(renderErrorContext(sql, at).split('\n')[1]).toBe(' '.repeat('LINE 1: '.length + at + 2) + '^');
    expect(locateErrorContext(sql, ctx)).toBe(at);
  });

  it('reads a line that itself begins with "..." from its start, not as one DuckDB cut (fuzz seed 1969341215)', () => {
    for (const sql of ['...', '..... x', '...x...']) {
      for (let at = 0; at <= sql.length; at++) {
        expect(locateErrorContext(sql, splitErrorContext(`x\n\n${renderErrorContext(sql, at)}`)!)).toBe(at);
      }
    }
  });

  it('leaves a message without a caret alone', () => {
    expect(splitErrorContext('Conversion Error: could not convert "x" to INT32')).toBeUndefined();
  });
});

describe('lineColumnAt', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumnAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
