/**
 * Writes chunks as an .xlsx workbook with one sheet, streamed: rows become sheet XML as they are
 * read and are deflated straight into the file, so memory holds one chunk whatever the row count.
 * (The xlsx package builds the whole workbook in memory: about 2 GB for a million rows of four
 * columns, which would take the session down.) Strings are inline, so no shared-string table grows.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ColumnKind, PlannedColumn } from './columnPlan';
import type { Chunk } from './readChunks';
import { ZipStream } from './ZipStream';
import { CONTENT_TYPES, ROOT_RELS, STYLES, STYLE, WORKBOOK, WORKBOOK_RELS } from './xlsxParts';

/** Rows per sheet in Excel, the header row included. */
export const EXCEL_SHEET_ROWS = 1_048_576;
/** Data rows that fit under the header. */
export const EXCEL_MAX_ROWS = EXCEL_SHEET_ROWS - 1;
/** Excel's limit on the characters of one cell. */
const CELL_CHARS = 32_767;
/** Days from Excel's epoch (1899-12-30) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;

export async function writeExcelFile(
  path: string,
  plan: PlannedColumn[],
  chunks: AsyncIterable<Chunk>,
  onRows: (rows: number) => void,
): Promise<void> {
  const zip = new ZipStream();
  async function* archive(): AsyncGenerator<Buffer> {
    yield* zip.file('[Content_Types].xml', CONTENT_TYPES);
    yield* zip.file('_rels/.rels', ROOT_RELS);
    yield* zip.file('xl/workbook.xml', WORKBOOK);
    yield* zip.file('xl/_rels/workbook.xml.rels', WORKBOOK_RELS);
    yield* zip.file('xl/styles.xml', STYLES);
    yield* zip.entry('xl/worksheets/sheet1.xml', sheetXml(plan, chunks, onRows));
    yield* zip.finish();
  }
  await pipeline(Readable.from(archive()), createWriteStream(path));
}

async function* sheetXml(plan: PlannedColumn[], chunks: AsyncIterable<Chunk>, onRows: (rows: number) => void): AsyncGenerator<Buffer> {
  const letters = plan.map((_, i) => columnLetters(i));
  yield Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0">' +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>' +
      `<row r="1">${plan.map((c, i) => textCell(`${letters[i]}1`, c.name, STYLE.header)).join('')}</row>`,
  );
  let row = 1;
  for await (const chunk of chunks) {
    const parts: string[] = [];
    for (let r = 0; r < chunk.length; r++) {
      row++;
      parts.push(`<row r="${row}">`);
      for (let i = 0; i < plan.length; i++) parts.push(cell(`${letters[i]}${row}`, plan[i].kind, chunk.columns[i][r]));
      parts.push('</row>');
    }
    yield Buffer.from(parts.join(''));
    onRows(row - 1);
  }
  yield Buffer.from('</sheetData></worksheet>');
}

function cell(ref: string, kind: ColumnKind, v: unknown): string {
  if (v === null || v === undefined) return '';
  switch (kind) {
    case 'bool':
      return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
    case 'date':
      return numberCell(ref, (v as number) + UNIX_EPOCH_SERIAL, STYLE.date);
    case 'timestamp':
    case 'timestamptz':
      return numberCell(ref, Number(v as bigint) / 86_400_000_000 + UNIX_EPOCH_SERIAL, STYLE.dateTime);
    case 'string':
      return textCell(ref, String(v), STYLE.plain);
    default: {
      // Excel numbers are doubles: 64-bit integers beyond 2^53 stay exact as text.
      if (typeof v === 'bigint')
        return Number.isSafeInteger(Number(v)) ? numberCell(ref, Number(v), STYLE.plain) : textCell(ref, v.toString(), STYLE.plain);
      return Number.isFinite(v) ? numberCell(ref, v as number, STYLE.plain) : textCell(ref, String(v), STYLE.plain);
    }
  }
}

function numberCell(ref: string, n: number, style: number): string {
  return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${n}</v></c>`;
}

function textCell(ref: string, text: string, style: number): string {
  return `<c r="${ref}" t="inlineStr"${style ? ` s="${style}"` : ''}><is><t xml:space="preserve">${escapeXml(text.slice(0, CELL_CHARS))}</t></is></c>`;
}

/** XML-escapes and drops the control characters XML 1.0 cannot carry at all. */
function escapeXml(s: string): string {
  return s.replace(/[&<>"]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '',
  );
}

/** 0 → A, 25 → Z, 26 → AA. */
function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
