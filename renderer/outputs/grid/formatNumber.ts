/**
 * Numbers as the reader's locale writes them (1,234,567.5 or 1.234.567,5). Wide integers and
 * decimals arrive as strings with every digit (BIGINT, HUGEINT, DECIMAL); Intl formats such a
 * string as an exact decimal, so no digit is lost to a JavaScript number. The exact value stays in
 * the cell's title and in what is copied.
 */
import { cellText } from '../../../common/cellText';
import type { CellValue } from '../../../kernel/protocol/notebook';

const NUMERIC_TEXT = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

export function numberFormatter(locale?: string): Intl.NumberFormat {
  // Up to 20 fraction digits: formatting groups the digits, it never rounds a value away.
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 20 });
}

/** What a cell shows: numbers grouped by the locale, everything else as cellText. */
export function displayText(v: CellValue, numeric: boolean, format: Intl.NumberFormat): string {
  if (!numeric || v === null) return cellText(v);
  if (typeof v === 'number') return Number.isFinite(v) && !/e/i.test(String(v)) ? format.format(v) : String(v);
  // Exponent forms are left as they are: spelling 1e300 out in full helps nobody.
  if (typeof v === 'string' && NUMERIC_TEXT.test(v) && !/e/i.test(v)) {
    return format.format(v as unknown as number);
  }
  return cellText(v);
}
