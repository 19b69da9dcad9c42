/**
 * A table output as a Jupyter MIME bundle: `application/vnd.dataresource+json` (Table Schema + rows,
 * the form pandas and nteract write, so other tools show the table), plus HTML and plain text, with
 * the full row count in the output's metadata. Only the first rows are stored: a notebook file must
 * never hold millions of rows.
 */
import type { CellValue, ColumnInfo, TableOutput } from '../protocol';
import { cellText } from '../../common/cellText';
import { columnKind, type ColumnKind } from '../../common/columnKind';

export const DATARESOURCE = 'application/vnd.dataresource+json';
export const STORED_ROWS = 100;

export interface TableBundle {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export function tableToBundle(t: TableOutput): TableBundle {
  const rows = t.rows.slice(0, STORED_ROWS);
  const fields = t.columns.map((c) => ({ name: c.name, type: tableSchemaType(c.type), 'silt:type': c.type }));
  return {
    data: {
      [DATARESOURCE]: { schema: { fields }, data: rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.name, r[i]]))) },
      'text/html': tableHtml(t.columns, rows, t.rowCount),
      'text/plain': tablePlain(t.columns, rows, t.rowCount),
    },
    metadata: { silt: { rowCount: t.rowCount, storedRows: rows.length } },
  };
}

export function bundleToTable(data: Record<string, unknown>, metadata: Record<string, unknown> | undefined): TableOutput | null {
  const res = data[DATARESOURCE] as
    { schema?: { fields?: { name: string; type?: string; 'silt:type'?: string }[] }; data?: Record<string, CellValue>[] } | undefined;
  if (!res || typeof res !== 'object' || !Array.isArray(res.schema?.fields) || !Array.isArray(res.data)) return null;
  // A file may say anything: a field that is not {name: string} means this is not a table we can show.
  const fields = res.schema!.fields!;
  if (!fields.every((f) => typeof f === 'object' && f !== null && typeof f.name === 'string')) return null;
  const typeName = (t: unknown) => (typeof t === 'string' ? t : undefined);
  const columns: ColumnInfo[] = fields.map((f) => ({
    name: f.name,
    type: typeName(f['silt:type']) ?? typeName(f.type) ?? 'any',
  }));
  const cellOf = (r: unknown, name: string): CellValue =>
    typeof r === 'object' && r !== null ? ((r as Record<string, CellValue>)[name] ?? null) : null;
  const rows = res.data!.map((r) => columns.map((c) => cellOf(r, c.name)));
  const silt = (metadata?.silt ?? {}) as { rowCount?: unknown };
  const rowCount = typeof silt.rowCount === 'number' ? silt.rowCount : rows.length;
  return { kind: 'table', rowCount, columns, rows };
}

/** Table Schema's field types, which is what other notebook front ends read; the rest are `any`. */
const TABLE_SCHEMA_TYPE: Partial<Record<ColumnKind, string>> = {
  integer: 'integer',
  decimal: 'number',
  float: 'number',
  boolean: 'boolean',
  date: 'date',
  time: 'time',
  timestamp: 'datetime',
  text: 'string',
};

function tableSchemaType(duck: string): string {
  return TABLE_SCHEMA_TYPE[columnKind(duck)] ?? 'any';
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function tableHtml(columns: ColumnInfo[], rows: CellValue[][], rowCount: number): string {
  const head = columns.map((c) => `<th>${escapeHtml(c.name)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(cellText(v))}</td>`).join('')}</tr>`).join('\n');
  const note = rowCount > rows.length ? `<p>${rows.length} of ${rowCount.toLocaleString('en-US')} rows</p>` : '';
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>${note}`;
}

function tablePlain(columns: ColumnInfo[], rows: CellValue[][], rowCount: number): string {
  const shown = rows.slice(0, 20);
  const cells = [columns.map((c) => c.name), ...shown.map((r) => r.map(cellText))];
  const widths = columns.map((_, i) => Math.min(40, Math.max(...cells.map((r) => (r[i] ?? '').length))));
  const lines = cells.map((r) =>
    r
      .map((v, i) => v.slice(0, 40).padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
  if (rowCount > shown.length) lines.push(`… ${rowCount.toLocaleString('en-US')} rows in all`);
  return lines.join('\n');
}
