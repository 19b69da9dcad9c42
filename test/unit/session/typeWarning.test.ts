/** The warning a run shows for a cell with type errors. */
import { describe, expect, it } from 'vitest';
import { typeWarning } from '../../../kernel/session/ts/typeWarning';

const err = (line: number, message: string, code = 2322) => ({
  line,
  column: 1,
  from: 0,
  to: 1,
  severity: 'error' as const,
  message,
  code,
});

describe('typeWarning', () => {
  it('is nothing without errors, or with warnings only, or when the check did not answer in time', () => {
    expect(typeWarning([])).toBeNull();
    expect(typeWarning(null)).toBeNull();
    expect(typeWarning([{ ...err(1, 'x'), severity: 'warning' }])).toBeNull();
  });
  it('lists each error at its line on stderr, saying the cell ran anyway', () => {
    expect(typeWarning([err(1, "Type 'string' is not assignable to type 'number'."), err(3, "Cannot find name 'y'.", 2304)])).toEqual({
      kind: 'stream',
      name: 'stderr',
      text:
        'TypeScript: 2 type errors (the cell ran anyway)\n' +
        "  line 1, col 1: Type 'string' is not assignable to type 'number'. (TS2322)\n" +
        "  line 3, col 1: Cannot find name 'y'. (TS2304)\n",
    });
  });
  it('lists the first ten and counts the rest', () => {
    const text = typeWarning(Array.from({ length: 13 }, (_, i) => err(i + 1, `e${i + 1}`)))!.text;
    expect(text).toContain('13 type errors');
    expect(text).toContain('line 10, col 1: e10');
    expect(text).not.toContain('e11');
    expect(text).toContain('… and 3 more');
  });
  it('says the cell stopped, not that it ran, when the run failed', () => {
    const text = typeWarning([err(1, "';' expected.", 1005)], false)!.text;
    expect(text).toBe("TypeScript: 1 error; the cell stopped with the error below\n  line 1, col 1: ';' expected. (TS1005)\n");
  });
});
