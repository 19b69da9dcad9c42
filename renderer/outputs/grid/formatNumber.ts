/**
 * Numbers as the reader's locale writes them (1,234,567.5 or 1.234.567,5). Wide integers and
 * decimals arrive as strings with every digit (BIGINT, HUGEINT, DECIMAL); Intl formats such a
 * string as an exact decimal, so no digit is lost to a JavaScript number, and a DECIMAL keeps its
 * scale (2.50 stays 2.50). The exact value stays in the cell's title and in what is copied.
 */
import { cellText } from '../../../common/cellText';
import type { CellValue } from '../../../kernel/protocol/notebook';

const DECIMAL_TEXT = /^-?\d+(\.(\d+))?$/;

export interface NumberDisplay {
  locale: string | undefined;
  formats: Map<number, Intl.NumberFormat>;
}

export function numberFormatter(locale?: string): NumberDisplay {
  return { locale, formats: new Map() };
}

/** At least `digits` fraction digits, and up to 20: formatting groups digits, it never rounds a value away. */
function formatWith(d: NumberDisplay, digits: number): Intl.NumberFormat {
  let f = d.formats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat(d.locale, { minimumFractionDigits: digits, maximumFractionDigits: Math.max(20, digits) });
    d.formats.set(digits, f);
  }
  return f;
}

/** What a cell shows: numbers grouped by the locale, everything else as cellText. */
export function displayText(v: CellValue, numeric: boolean, d: NumberDisplay): string {
  if (!numeric || v === null) return cellText(v);
  // Exponent forms are left as they are: spelling 1e-7 out in full helps nobody and loses digits.
  if (typeof v === 'number') return Number.isFinite(v) && !/e/i.test(String(v)) ? formatWith(d, 0).format(v) : String(v);
  const m = typeof v === 'string' ? DECIMAL_TEXT.exec(v) : null;
  if (!m) return cellText(v);
  return formatWith(d, m[2]?.length ?? 0).format(v as unknown as number);
}
