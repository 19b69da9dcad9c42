/** "1 row", "10,000 rows": counts under a result and in reports, grouped the same for every reader. */
export function formatRowCount(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`;
}
