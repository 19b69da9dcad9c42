import { describe, expect, it } from 'vitest';
import { formatShape } from '../../../../renderer/sidebar/formatShape';

describe('formatShape', () => {
  it('words rows × columns, items, characters, keys and scalars', () => {
    expect(formatShape({ name: 'df', kind: 'dataframe', type: 'DataFrame', rows: 12345, columns: 3, tabular: true })).toBe('12,345 × 3');
    expect(formatShape({ name: 'v', kind: 'sql-table', type: 'SQL view', columns: 1, tabular: true })).toBe('1 col');
    expect(formatShape({ name: 'a', kind: 'array', type: 'Array', length: 1, tabular: false })).toBe('1 item');
    expect(formatShape({ name: 's', kind: 'string', type: 'string', length: 5, summary: '"north"', tabular: false })).toBe('5 chars');
    expect(formatShape({ name: 'o', kind: 'object', type: 'object', length: 2, tabular: false })).toBe('2 keys');
    expect(formatShape({ name: 'm', kind: 'object', type: 'Map', length: 2, tabular: false })).toBe('2 items');
    expect(formatShape({ name: 'n', kind: 'number', type: 'number', summary: '42', tabular: false })).toBe('42');
  });
});
