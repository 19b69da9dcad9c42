/** A small fixed dataset the chart tests draw: 4 regions × 2 segments × 6 days, amounts by formula. */
import type { ColumnInfo } from '../../../kernel/protocol';

export const SALES_COLUMNS: ColumnInfo[] = [
  { name: 'day', type: 'DATE' },
  { name: 'region', type: 'VARCHAR' },
  { name: 'segment', type: 'VARCHAR' },
  { name: 'amount', type: 'DOUBLE' },
  { name: 'units', type: 'INTEGER' },
];

export const REGIONS = ['North', 'South', 'East', 'West'];

export function salesRows(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let d = 0; d < 6; d++) {
    REGIONS.forEach((region, r) => {
      ['Retail', 'Wholesale'].forEach((segment, s) => {
        rows.push({
          day: new Date(Date.UTC(2026, 0, 1 + d)),
          region,
          segment,
          amount: 10 * (r + 1) + 5 * s + d,
          units: (r * 3 + s * 2 + d) % 7,
        });
      });
    });
  }
  return rows;
}
