/** The stretch of a SQL line the editor underlines for an error's column: the whole name there. */
import { describe, expect, it } from 'vitest';
import { wordEnd } from '../../../renderer/cells/errorLineField';

const marked = (line: string, column: number) => line.slice(column - 1, wordEnd(line, column - 1));

describe('wordEnd', () => {
  it('covers a plain, a dotted and a quoted name, and stops at what follows', () => {
    expect(marked('SELECT * FROM t WHERE amout > 1', 23)).toBe('amout');
    expect(marked('SELECT o.amout, x FROM t o', 8)).toBe('o.amout');
    expect(marked('SELECT "Orders"."Amount Eur"+1', 8)).toBe('"Orders"."Amount Eur"');
    expect(marked('SELECT prix_été FROM t', 8)).toBe('prix_été');
  });

  it('marks one character when the error points at punctuation, none past the end', () => {
    expect(marked('SELECT (1', 8)).toBe('(');
    expect(marked('SELECT t.', 8)).toBe('t');
  });
});
