/**
 * A one-row table of a few columns reads best on a dashboard as figures: each column's name over
 * its value, large. `SELECT count(*) AS orders, sum(amount) AS revenue …` is the usual source.
 * Numbers get thousands separators and at most two decimals; anything else shows as the grid would.
 */
import { cellText } from '../cellText';
import { isNumericType } from '../columnKind';

/** At most this many figures in one tile; a wider row stays a table. */
export const MAX_KPIS = 6;

export interface Kpi {
  label: string;
  value: string;
  numeric: boolean;
}

interface KpiTable {
  rowCount: number;
  columns: readonly { name: string; type: string }[];
  rows: readonly (readonly (string | number | boolean | null | object)[])[];
}

/** The figures of a one-row table, or null when the table is not one to show that way. */
export function kpiValues(t: KpiTable): Kpi[] | null {
  if (t.rowCount !== 1 || t.rows.length !== 1 || t.columns.length === 0 || t.columns.length > MAX_KPIS) return null;
  return t.columns.map((c, i) => {
    const v = t.rows[0][i];
    const numeric = isNumericType(c.type) && v !== null;
    return { label: c.name, value: numeric ? formatNumber(v) : cellText(v), numeric };
  });
}

function formatNumber(v: string | number | boolean | object): string {
  const n = Number(v);
  // BIGINTs arrive as strings; past 2^53 a Number would round, so those keep their digits.
  if (!Number.isFinite(n) || (typeof v === 'string' && !Number.isSafeInteger(n) && /^-?\d+$/.test(v))) return cellText(v);
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
