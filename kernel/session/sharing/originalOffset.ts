/**
 * An offset in a cell's rewritten SQL (shared names replaced by their views) as the offset in the
 * analyst's own text: DuckDB points into what it ran, the cell marks what the analyst wrote.
 */
import type { RefEdit } from './findSharedRefs';

/** `edits` in the order of the text, as findSharedRefs gives them. */
export function originalOffset(edits: readonly RefEdit[], rewritten: number): number {
  let shift = 0;
  for (const e of edits) {
    const from = e.start + shift;
    if (rewritten < from) break;
    // Inside a replaced name: the analyst's name starts there.
    if (rewritten < from + e.text.length) return e.start;
    shift += e.text.length - (e.end - e.start);
  }
  return rewritten - shift;
}
