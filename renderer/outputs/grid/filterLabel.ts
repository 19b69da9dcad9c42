/** How a filter reads on its chip and in the menu: `city contains "ber"`, `price between 1 and 9`. */
import type { ColumnFilter, FilterOp } from '../../../kernel/protocol/results';

export const FILTER_OP_LABELS: Record<FilterOp, string> = {
  contains: 'contains',
  eq: '=',
  ne: '≠',
  lt: '<',
  le: '≤',
  gt: '>',
  ge: '≥',
  between: 'between',
  null: 'is null',
  notnull: 'is not null',
};

export function filterLabel(f: ColumnFilter): string {
  const op = FILTER_OP_LABELS[f.op];
  if (f.op === 'null' || f.op === 'notnull') return `${f.column} ${op}`;
  if (f.op === 'between') return `${f.column} between ${f.value ?? ''} and ${f.value2 ?? ''}`;
  if (f.op === 'contains') return `${f.column} contains "${f.value ?? ''}"`;
  return `${f.column} ${op} ${f.value ?? ''}`;
}

/** "1,234 of 2,000,000 rows" while filtered, else "2,000,000 rows". */
export function filteredCount(shown: number, total: number, filtered: boolean): string {
  const all = `${total.toLocaleString('en-US')} ${total === 1 ? 'row' : 'rows'}`;
  return filtered ? `${shown.toLocaleString('en-US')} of ${all}` : all;
}
