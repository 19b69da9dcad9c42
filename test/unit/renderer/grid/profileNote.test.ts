import { describe, expect, it } from 'vitest';
import { profileNote } from '../../../../renderer/outputs/grid/profileNote';

describe('the note beside a column profile', () => {
  it('does not call exact distinct counts approximate', () => {
    expect(profileNote({ rowCount: 400, columns: [{ distinctExact: true }, { distinctExact: true }] })).toBe('all 400 rows');
    expect(profileNote({ rowCount: 1, columns: [{ distinctExact: true }] })).toBe('all 1 row');
  });
  it('says which counts are estimates when some or all are', () => {
    expect(profileNote({ rowCount: 2_000_000, columns: [{}, { distinctExact: false }] })).toBe(
      'all 2,000,000 rows · distinct counts are approximate',
    );
    expect(profileNote({ rowCount: 2_000_000, columns: [{ distinctExact: true }, {}] })).toBe(
      'all 2,000,000 rows · distinct counts marked ≈ are approximate',
    );
  });
});
