import { describe, expect, it } from 'vitest';
import { clipboardText } from '../../../../renderer/outputs/grid/clipboardText';
import { displayText, numberFormatter } from '../../../../renderer/outputs/grid/formatNumber';
import { filterLabel, filteredCount } from '../../../../renderer/outputs/grid/filterLabel';

const header = ['id', 'name', 'amount'];
const rows = [
  ['12345678901234567', 'Ann, "the" first', '1234.50'],
  ['2', 'tab\there', null],
  ['3', 'pipe | and\nline', '-0.01'],
];

describe('copying a range', () => {
  it('as TSV: exact values, NULL as an empty cell, tabs and line breaks quoted so the cell stays whole', () => {
    expect(clipboardText('tsv', header, rows)).toBe(
      'id\tname\tamount\n12345678901234567\tAnn, "the" first\t1234.50\n2\t"tab\there"\t\n3\t"pipe | and\nline"\t-0.01',
    );
  });

  it('as CSV (RFC 4180): commas and quotes quoted, CRLF between records', () => {
    expect(clipboardText('csv', header, rows)).toBe(
      'id,name,amount\r\n12345678901234567,"Ann, ""the"" first",1234.50\r\n2,tab\there,\r\n3,"pipe | and\nline",-0.01',
    );
  });

  it('as a Markdown table: pipes escaped, line breaks flattened, NULL spelled out', () => {
    expect(clipboardText('markdown', header, rows)).toBe(
      [
        '| id | name | amount |',
        '| --- | --- | --- |',
        '| 12345678901234567 | Ann, "the" first | 1234.50 |',
        '| 2 | tab\there | NULL |',
        '| 3 | pipe \\| and line | -0.01 |',
      ].join('\n'),
    );
  });

  it('copies nested values as JSON', () => {
    expect(clipboardText('tsv', ['l'], [[[1, 2]], [{ a: 'x' }]])).toBe('l\n[1,2]\n{"a":"x"}');
  });
});

describe('number display', () => {
  const en = numberFormatter('en-US');
  const de = numberFormatter('de-DE');

  it('groups thousands in the reader locale', () => {
    expect(displayText(1234567.5, true, en)).toBe('1,234,567.5');
    expect(displayText(1234567.5, true, de)).toBe('1.234.567,5');
  });

  it('keeps every digit of BIGINT, HUGEINT and DECIMAL values that arrive as strings', () => {
    expect(displayText('123456789012345678901234', true, en)).toBe('123,456,789,012,345,678,901,234');
    expect(displayText('-9223372036854775807', true, en)).toBe('-9,223,372,036,854,775,807');
    expect(displayText('12345678901234.00000001', true, en)).toBe('12,345,678,901,234.00000001');
  });

  it('keeps the scale of a DECIMAL: trailing zeros stay', () => {
    expect(displayText('2.50', true, en)).toBe('2.50');
    expect(displayText('1234567.00', true, de)).toBe('1.234.567,00');
  });

  it('leaves text columns, NULL, exponents and non-numbers as they are', () => {
    expect(displayText('12345', false, en)).toBe('12345');
    expect(displayText(null, true, en)).toBe('NULL');
    expect(displayText(2.0353385561585344e-7, true, en)).toBe('2.0353385561585344e-7');
    expect(displayText('NaN', true, en)).toBe('NaN');
    expect(displayText(Infinity, true, en)).toBe('Infinity');
  });
});

describe('filter chips', () => {
  it('reads each kind of filter', () => {
    expect(filterLabel({ column: 'city', op: 'contains', value: 'ber' })).toBe('city contains "ber"');
    expect(filterLabel({ column: 'price', op: 'between', value: '1', value2: '9' })).toBe('price between 1 and 9');
    expect(filterLabel({ column: 'price', op: 'ge', value: '10' })).toBe('price ≥ 10');
    expect(filterLabel({ column: 'note', op: 'null' })).toBe('note is null');
  });

  it('counts filtered rows against the total', () => {
    expect(filteredCount(1234, 2_000_000, true)).toBe('1,234 of 2,000,000 rows');
    expect(filteredCount(2_000_000, 2_000_000, false)).toBe('2,000,000 rows');
  });
});

describe('copying one cell', () => {
  it('copies the exact value alone, without a header', () => {
    expect(clipboardText('tsv', null, [['1234567.125']])).toBe('1234567.125');
    expect(clipboardText('csv', null, [['a,b']])).toBe('"a,b"');
  });
});
