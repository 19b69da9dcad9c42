import { describe, expect, it } from 'vitest';
import { dropIndex } from '../../../renderer/cells/dropIndex';

describe('where a dragged cell lands', () => {
  const middles = [50, 150, 250];
  it('lands before the first cell whose middle is below the pointer, or at the end', () => {
    expect(dropIndex(middles, 10)).toBe(0);
    expect(dropIndex(middles, 60)).toBe(1);
    expect(dropIndex(middles, 149)).toBe(1);
    expect(dropIndex(middles, 151)).toBe(2);
    expect(dropIndex(middles, 900)).toBe(3);
    expect(dropIndex([], 10)).toBe(0);
  });
});
