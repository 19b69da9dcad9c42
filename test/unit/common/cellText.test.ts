import { describe, expect, it } from 'vitest';
import { cellText } from '../../../common/cellText';
import { formatRowCount } from '../../../common/formatRowCount';

describe('cellText (grid, reports and notebook files show cells alike)', () => {
  it('a missing value reads NULL, not an empty cell', () => {
    expect(cellText(null)).toBe('NULL');
    expect(cellText('')).toBe('');
    expect(cellText('NULL')).toBe('NULL');
  });

  it('numbers, big integers sent as strings and booleans read as they are', () => {
    expect(cellText(1.5)).toBe('1.5');
    expect(cellText('170141183460469231731687303715884105727')).toBe('170141183460469231731687303715884105727');
    expect(cellText(false)).toBe('false');
  });

  it('lists and structs read as JSON', () => {
    expect(cellText([1, null, 'a'])).toBe('[1,null,"a"]');
    expect(cellText({ city: 'Köln', tags: ['x'] })).toBe('{"city":"Köln","tags":["x"]}');
  });
});

describe('formatRowCount', () => {
  it('groups thousands and says row for one', () => {
    expect(formatRowCount(1)).toBe('1 row');
    expect(formatRowCount(0)).toBe('0 rows');
    expect(formatRowCount(10_000_000)).toBe('10,000,000 rows');
  });
});
