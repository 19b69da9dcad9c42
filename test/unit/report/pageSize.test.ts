import { describe, expect, it } from 'vitest';
import { defaultPageSize, parsePageSize } from '../../../kernel/report/reportOptions';

describe('PDF paper', () => {
  it('is Letter in the US and Canada and A4 elsewhere', () => {
    expect(defaultPageSize('en-US')).toBe('Letter');
    expect(defaultPageSize('fr-CA')).toBe('Letter');
    expect(defaultPageSize('en-GB')).toBe('A4');
    expect(defaultPageSize('de-DE')).toBe('A4');
    expect(defaultPageSize('fr')).toBe('A4');
  });

  it('reads a4 / letter in any case and refuses other sizes clearly', () => {
    expect(parsePageSize(' a4 ')).toBe('A4');
    expect(parsePageSize('LETTER')).toBe('Letter');
    expect(() => parsePageSize('legal')).toThrow('Unknown page size "legal"; use A4 or Letter.');
    // The user asked for something Silt cannot do: a bad request, not a failed write.
    expect(() => parsePageSize('legal')).toThrow(expect.objectContaining({ code: 'bad-request' }));
  });
});
