/**
 * Splitting a node's rows between its children, in place. `goLeft[code]` (1 or 0) is the split as a
 * lookup table over the split feature's codes, missing included, so a row's side costs no branch.
 * `col` is the split feature's column of codes (column-major, so a node's rows read few cache lines).
 */

/**
 * Stable partition of rows[start..end): left rows first, then right, each in their previous order, so
 * rows stay ascending within a node and histogram building walks memory forwards. Right rows wait in
 * `spill`. Returns where the right child starts.
 */
export function partitionRows(
  rows: Int32Array,
  spill: Int32Array,
  col: Uint8Array,
  colBase: number,
  goLeft: Uint8Array,
  start: number,
  end: number,
): number {
  let mid = start,
    nr = 0,
    i = start;
  // Two rows per step: fewer loop checks on the hottest loop after histogram building.
  for (const stop = end - 1; i < stop; i += 2) {
    const r0 = rows[i],
      r1 = rows[i + 1];
    const go0 = goLeft[col[colBase + r0]],
      go1 = goLeft[col[colBase + r1]];
    rows[mid] = r0;
    spill[nr] = r0;
    mid += go0;
    nr += 1 - go0;
    rows[mid] = r1;
    spill[nr] = r1;
    mid += go1;
    nr += 1 - go1;
  }
  if (i < end) {
    const r = rows[i];
    const go = goLeft[col[colBase + r]];
    rows[mid] = r;
    spill[nr] = r;
    mid += go;
    nr += 1 - go;
  }
  rows.set(spill.subarray(0, nr), mid);
  return mid;
}

/** For children that will stay leaves: tells each row its leaf without moving it. */
export function assignLeaves(
  rows: Int32Array,
  leafOfRow: Int32Array,
  col: Uint8Array,
  colBase: number,
  goLeft: Uint8Array,
  start: number,
  end: number,
  leftLeaf: number,
  rightLeaf: number,
): void {
  for (let i = start; i < end; i++) {
    const r = rows[i];
    leafOfRow[r] = goLeft[col[colBase + r]] ? leftLeaf : rightLeaf;
  }
}

/** The lookup table of a split: codes <= bin go left, or the codes in the category bitset; missing as told. */
export function fillGoLeft(goLeft: Uint8Array, missCode: number, bin: number, cats: Uint32Array | null, missLeft: boolean): void {
  if (cats) for (let c = 0; c < missCode; c++) goLeft[c] = (cats[c >>> 5] >>> (c & 31)) & 1;
  else for (let c = 0; c < missCode; c++) goLeft[c] = c <= bin ? 1 : 0;
  goLeft[missCode] = missLeft ? 1 : 0;
}
