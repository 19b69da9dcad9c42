/**
 * Turns a JavaScript value into notebook outputs: DataFrames, Arrow tables and arrays of records
 * become pageable grids; SVG/HTML elements (Observable Plot) become rich outputs; everything else is
 * shown the way Node's REPL would show it.
 */
import { asSqlValue, sqlTypesOf } from './toDataFrame';
import { inspect } from 'node:util';
import type { CellValue, ColumnInfo, Output } from '../protocol';
import { isPlotFigure, plotOutput } from '../charts/plotOutput';

/** Stores rows so the grid can page them; returns the output describing them. */
export type RowSink = (columns: ColumnInfo[], rows: CellValue[][]) => Promise<Output>;

export async function displayValue(value: unknown, storeRows: RowSink): Promise<Output | null> {
  if (value === undefined) return null;
  const table = asTable(value);
  if (table) return storeRows(table.columns, table.rows);
  if (isPlotFigure(value)) return plotOutput(value);
  if (isElement(value)) {
    const html = value.outerHTML;
    const mime = /^<svg[\s>]/i.test(html) ? 'image/svg+xml' : 'text/html';
    return { kind: 'rich', data: { [mime]: html, 'text/plain': `<${value.tagName.toLowerCase()}>` } };
  }
  if (isRich(value)) return { kind: 'rich', data: value.__silt_rich };
  return { kind: 'rich', data: { 'text/plain': inspect(value, { depth: 4, colors: false, maxArrayLength: 100 }) } };
}

interface Element {
  outerHTML: string;
  tagName: string;
}

function isElement(v: unknown): v is Element {
  return typeof v === 'object' && v !== null && typeof (v as Element).outerHTML === 'string' && typeof (v as Element).tagName === 'string';
}

function isRich(v: unknown): v is { __silt_rich: Record<string, string> } {
  return typeof v === 'object' && v !== null && typeof (v as { __silt_rich?: unknown }).__silt_rich === 'object';
}

/** Recognises tabular values without importing their libraries (they may not be loaded). */
export function asTable(v: unknown): { columns: ColumnInfo[]; rows: CellValue[][] } | null {
  if (typeof v !== 'object' || v === null) return null;
  const any = v as Record<string, unknown>;
  // danfojs DataFrame
  if (Array.isArray(any.columns) && Array.isArray(any.values) && Array.isArray(any.dtypes) && Array.isArray(any.shape)) {
    const names = any.columns as string[];
    const dtypes = any.dtypes as string[];
    // A frame made from a SQL result keeps its DuckDB types (BIGINT, DECIMAL(10,2)), shown as DuckDB shows them.
    const sql = names.map((name) => sqlTypesOf(v)?.[name]);
    return {
      columns: names.map((name, i) => ({ name, type: sql[i] ?? dtypes[i] ?? 'unknown' })),
      rows: (any.values as unknown[][]).map((r) => r.map((x, i) => toCell(asSqlValue(sql[i], x)))),
    };
  }
  // Apache Arrow Table
  if (typeof any.numRows === 'number' && typeof any.toArray === 'function' && any.schema && typeof any.schema === 'object') {
    const fields = (any.schema as { fields: { name: string; type: unknown }[] }).fields;
    const rows = (any.toArray as () => { toJSON(): Record<string, unknown> }[])().map((r) => {
      const o = r.toJSON();
      return fields.map((f) => toCell(o[f.name]));
    });
    return { columns: fields.map((f) => ({ name: f.name, type: String(f.type) })), rows };
  }
  // An array of plain records
  if (Array.isArray(v) && v.length > 0 && v.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) {
    // Every key any record has, in order of first appearance (a Set keeps insertion order).
    const names = [...new Set((v as Record<string, unknown>[]).flatMap((r) => Object.keys(r)))];
    const columns = names.map((name) => ({ name, type: typeName((v as Record<string, unknown>[]).find((r) => r[name] != null)?.[name]) }));
    return { columns, rows: (v as Record<string, unknown>[]).map((r) => names.map((n) => toCell(r[n]))) };
  }
  return null;
}

function typeName(x: unknown): string {
  if (x instanceof Date) return 'TIMESTAMP';
  switch (typeof x) {
    case 'number':
      return Number.isInteger(x) ? 'INTEGER' : 'DOUBLE';
    case 'bigint':
      return 'BIGINT';
    case 'boolean':
      return 'BOOLEAN';
    case 'string':
      return 'VARCHAR';
    default:
      return x == null ? 'NULL' : 'JSON';
  }
}

/** A JSON-safe cell: the grid shows it, and the .ipynb stores it. */
export function toCell(x: unknown): CellValue {
  if (x === undefined || x === null) return null;
  if (typeof x === 'bigint') return x.toString();
  if (typeof x === 'number') return Number.isFinite(x) ? x : String(x);
  if (x instanceof Date) return Number.isNaN(x.getTime()) ? null : x.toISOString();
  if (typeof x === 'string' || typeof x === 'boolean') return x;
  if (Array.isArray(x)) return x.map(toCell);
  if (typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, toCell(v)]));
  return String(x);
}
