/**
 * The rows of a selected block for copying: from the pages the grid holds when it has them all,
 * else fetched through `result.page` in pages of 10,000. Bounded, so Ctrl+A, Ctrl+C on 10 million
 * rows says so instead of filling the clipboard (and the window's memory) with gigabytes.
 */
import type { CellValue } from '../../../kernel/protocol/notebook';
import type { Range } from './selection';

export const MAX_COPY_ROWS = 100_000;
const FETCH_ROWS = 10_000;

export class CopyTooLarge extends Error {}

export async function rowsOfRange(
  range: Range,
  rowAt: (row: number) => CellValue[] | undefined,
  fetchRows: ((offset: number, limit: number) => Promise<CellValue[][]>) | null,
): Promise<CellValue[][]> {
  const count = range.bottom - range.top + 1;
  if (count > MAX_COPY_ROWS) {
    throw new CopyTooLarge(
      `Copy takes at most ${MAX_COPY_ROWS.toLocaleString('en-US')} rows; ${count.toLocaleString('en-US')} are selected. Select fewer, or export the result.`,
    );
  }
  const cut = (row: CellValue[]) => row.slice(range.left, range.right + 1);
  const held: CellValue[][] = [];
  for (let r = range.top; r <= range.bottom; r++) {
    const row = rowAt(r);
    if (!row) break;
    held.push(cut(row));
  }
  if (held.length === count) return held;
  if (!fetchRows) throw new Error('These rows are not in the window and the session cannot send them.');
  const out: CellValue[][] = [];
  for (let offset = range.top; offset <= range.bottom; offset += FETCH_ROWS) {
    const rows = await fetchRows(offset, Math.min(FETCH_ROWS, range.bottom + 1 - offset));
    for (const row of rows) out.push(cut(row));
  }
  return out;
}
