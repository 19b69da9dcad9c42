import { describe, expect, it } from 'vitest';
import { quotesLine } from '../../../renderer/outputs/quotesLine';

const BINDER = 'Binder Error: Referenced column "idd" not found\n\nLINE 2: SELECT * FROM t WHERE idd > 1\n                              ^';

describe('an error message that quotes the failing line', () => {
  it("is recognised by DuckDB's LINE block for that line", () => {
    expect(quotesLine(BINDER, 2)).toBe(true);
  });

  it('is not taken for another line, or for a message without the block', () => {
    expect(quotesLine(BINDER, 1)).toBe(false);
    expect(quotesLine(BINDER, 12)).toBe(false);
    expect(quotesLine('TypeError: Cannot read properties of null', 2)).toBe(false);
  });
});
