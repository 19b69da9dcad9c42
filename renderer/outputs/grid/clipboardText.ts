/**
 * A block of cells as text for the clipboard: TSV (what Excel and Google Sheets paste as cells), CSV
 * (RFC 4180) and a Markdown table. Values are exact (cellText: full precision, no thousands
 * separators); NULL is an empty field in TSV and CSV, so a spreadsheet sees an empty cell.
 */
import { cellText } from '../../../common/cellText';
import type { CellValue } from '../../../kernel/protocol/notebook';

export type CopyFormat = 'tsv' | 'csv' | 'markdown';

function plain(v: CellValue): string {
  return v === null ? '' : cellText(v);
}

/**
 * A TSV field: tabs and line breaks would split the cell, and a leading quote would start a quoted
 * field, so those are quoted as Excel does; a quote inside other text pastes as it is.
 */
function tsvField(v: CellValue): string {
  const t = plain(v);
  return /[\t\n\r]/.test(t) || t.startsWith('"') ? `"${t.replace(/"/g, '""')}"` : t;
}

function csvField(v: CellValue): string {
  const t = plain(v);
  return /[,\n\r"]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

function markdownField(v: CellValue): string {
  return cellText(v).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** With `header` null (one cell copied alone), TSV and CSV hold the values only. */
export function clipboardText(format: CopyFormat, header: readonly string[] | null, rows: readonly CellValue[][]): string {
  const head = (field: (v: CellValue) => string) => (header ? [header.map(field)] : []);
  switch (format) {
    case 'tsv':
      return [...head(tsvField), ...rows.map((r) => r.map(tsvField))].map((r) => r.join('\t')).join('\n');
    case 'csv':
      return [...head(csvField), ...rows.map((r) => r.map(csvField))].map((r) => r.join(',')).join('\r\n');
    case 'markdown': {
      header ??= rows[0]?.map((_, i) => `column ${i + 1}`) ?? [];
      const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
      return [line(header.map(markdownField)), line(header.map(() => '---')), ...rows.map((r) => line(r.map(markdownField)))].join('\n');
    }
  }
}
