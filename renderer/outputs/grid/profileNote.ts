/**
 * The line beside "Column profile": how many rows it covers, and whether any distinct count is an
 * estimate. Results up to a million rows are counted exactly, so saying "approximate" for them
 * would contradict the cards below, which mark each estimate with ≈.
 */
import type { ColumnProfile } from '../../../kernel/protocol/results';

export function profileNote(p: { rowCount: number; columns: Pick<ColumnProfile, 'distinctExact'>[] }): string {
  const rows = p.rowCount === 1 ? '1 row' : `${p.rowCount.toLocaleString('en-US')} rows`;
  const estimated = p.columns.filter((c) => !c.distinctExact).length;
  if (estimated === 0) return `all ${rows}`;
  return estimated === p.columns.length
    ? `all ${rows} · distinct counts are approximate`
    : `all ${rows} · distinct counts marked ≈ are approximate`;
}
