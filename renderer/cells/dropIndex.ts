/**
 * Where a dragged cell lands: before the first cell whose middle is below the pointer, or at the
 * end. Given the cells' vertical middles (in page order) and the pointer's y.
 */
export function dropIndex(middles: number[], y: number): number {
  const i = middles.findIndex((m) => y < m);
  return i < 0 ? middles.length : i;
}
