/** The unseen-class warning's two log losses never read as the same number when they differ. */
import { describe, expect, it } from 'vitest';
import { distinctPrecision } from '../../../kernel/automl/distinctPrecision';

describe('distinctPrecision', () => {
  it('adds digits until the two scores differ, from 3 up to 6', () => {
    expect(distinctPrecision(0.81, 0.803)).toEqual(['0.810', '0.803']);
    expect(distinctPrecision(1.0512, 1.0496)).toEqual(['1.051', '1.050']);
    expect(distinctPrecision(1.05123, 1.05121)).toEqual(['1.05123', '1.05121']);
    expect(distinctPrecision(2, 2)).toEqual(['2.00000', '2.00000']);
  });
});
