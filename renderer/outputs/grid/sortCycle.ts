/**
 * What a click on a column header does to the sort: a plain click makes that column the only key and
 * cycles it ascending → descending → none; Shift+click cycles it the same way as an extra key,
 * keeping the others (added last, so the first key clicked stays the primary one).
 */
import type { SortKey } from '../../../kernel/protocol/results';

export function nextSort(sort: readonly SortKey[], column: string, additive: boolean): SortKey[] {
  const current = sort.find((k) => k.column === column);
  const next: SortKey | null = !current ? { column, desc: false } : !current.desc ? { column, desc: true } : null;
  if (!additive) return next ? [next] : [];
  if (!current) return [...sort, next!];
  return next ? sort.map((k) => (k.column === column ? next : k)) : sort.filter((k) => k.column !== column);
}

/**
 * The column's `aria-sort`: only the primary key is announced as sorted, as WAI-ARIA asks (one
 * sorted header at a time); secondary keys show their arrow and rank visually.
 */
export function ariaSort(sort: readonly SortKey[], column: string): 'ascending' | 'descending' | 'none' {
  const key = sort[0];
  if (key?.column !== column) return 'none';
  return key.desc ? 'descending' : 'ascending';
}
