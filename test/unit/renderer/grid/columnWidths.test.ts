import { describe, expect, it } from 'vitest';
import { initialWidth } from '../../../../renderer/outputs/useColumnWidths';

/** A stand-in for the header font: 9 px a character. */
const nineEach = (name: string) => name.length * 9;

describe('the width a grid column opens at', () => {
  it('leaves room for the whole name beside the filter button', () => {
    // 14 characters = 126 px of text + 40 px of header padding and button.
    expect(initialWidth({ name: 'amount_eur_sum', type: 'INTEGER' }, nineEach)).toBe(166);
  });

  it('keeps the minimum of its kind for short names, and a 320 px ceiling for long ones', () => {
    expect(initialWidth({ name: 'n', type: 'BIGINT' }, nineEach)).toBe(110);
    expect(initialWidth({ name: 'city', type: 'VARCHAR' }, nineEach)).toBe(160);
    expect(initialWidth({ name: 'x'.repeat(80), type: 'VARCHAR' }, nineEach)).toBe(320);
  });

  it('fits a long type (28 characters of 8 px, plus 28) under a short name', () => {
    expect(initialWidth({ name: 'v', type: 'STRUCT(a INTEGER, b VARCHAR)' }, nineEach)).toBe(252);
  });
});
