import { describe, expect, it } from 'vitest';
import { distinctShown } from '../../../../renderer/outputs/grid/distinctShown';

describe('the distinct count a column profile shows', () => {
  it('never exceeds the non-null values, however far the estimate overshoots', () => {
    // DuckDB estimates 515 distinct values for 400 unique strings.
    expect(distinctShown({ approxDistinct: 515, nulls: 0 }, 400)).toBe(400);
    expect(distinctShown({ approxDistinct: 515, nulls: 150 }, 400)).toBe(250);
    expect(distinctShown({ approxDistinct: 0, nulls: 7 }, 7)).toBe(0);
  });

  it('keeps an estimate below the non-null count as it is', () => {
    expect(distinctShown({ approxDistinct: 6, nulls: 0 }, 315)).toBe(6);
  });

  it('counts exactly when the top values cover every row, NULL not being a value', () => {
    const top = [
      { value: 'Central', count: 5 },
      { value: null, count: 3 },
      { value: 'West', count: 2 },
    ];
    expect(distinctShown({ approxDistinct: 3, nulls: 3, top }, 10)).toBe(2);
    // Top values that leave rows out say nothing exact: the estimate (clamped) stands.
    expect(distinctShown({ approxDistinct: 4, nulls: 3, top }, 12)).toBe(4);
  });

  it('shows an exact count (a result of up to a million rows) as it is', () => {
    expect(distinctShown({ approxDistinct: 8, distinctExact: true, nulls: 0 }, 315)).toBe(8);
  });
});
