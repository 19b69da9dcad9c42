import { describe, expect, it } from 'vitest';
import { copiedText } from '../../../../renderer/outputs/grid/copiedText';

describe('what the grid says after a copy', () => {
  it('names both counts with their units', () => {
    expect(copiedText(2, 4, 'tsv')).toBe('Copied 2 rows × 4 columns as TSV');
    expect(copiedText(12_000, 3, 'csv')).toBe('Copied 12,000 rows × 3 columns as CSV');
  });

  it('says one row and one column in the singular', () => {
    expect(copiedText(1, 1, 'tsv')).toBe('Copied 1 row × 1 column as TSV');
    expect(copiedText(1, 2, 'markdown')).toBe('Copied 1 row × 2 columns as Markdown');
  });
});
