/**
 * Gradient histograms of a node's rows. A histogram holds, per slot, the sums of gradients (K) and
 * hessians of the rows whose code falls in it: S = K + 1 numbers per slot. Each function adds in row
 * order, so a slot's sum is the same whichever thread adds which bundles (see growThreads.ts).
 */

/**
 * Adds rows[start..end) of one-gradient data into the joint slots of bundles [b0, b1): a row's
 * `joint` entries are already slot indexes, so each bundle costs one load and two additions.
 * Self-contained (no imports, no closures): growThreads.ts runs its source on worker threads.
 */
export function addBundlesK1(
  hist: Float64Array,
  rows: Int32Array,
  start: number,
  end: number,
  g: Float32Array,
  h: Float32Array,
  joint: Uint16Array | Uint32Array,
  NB: number,
  b0: number,
  b1: number,
): void {
  for (let i = start; i < end; i++) {
    const r = rows[i];
    const gr = g[r],
      hr = h[r];
    for (let q = r * NB + b0, stop = r * NB + b1; q < stop; q++) {
      const o = joint[q] << 1;
      hist[o] += gr;
      hist[o + 1] += hr;
    }
  }
}

/** Folds joint slots back into feature slots: entries [e0, e1) of foldFrom/foldTo. Self-contained like addBundlesK1. */
export function foldJoint(hist: Float64Array, foldFrom: Int32Array, foldTo: Int32Array, S: number, e0: number, e1: number): void {
  for (let e = e0; e < e1; e++) {
    const a = foldFrom[e] * S,
      z = foldTo[e] * S;
    for (let k = 0; k < S; k++) hist[z + k] += hist[a + k];
  }
}

/** As addBundlesK1 for K gradients per row (forest classifiers), all bundles. */
export function addBundles(
  hist: Float64Array,
  rows: Int32Array,
  start: number,
  end: number,
  g: Float32Array,
  h: Float32Array,
  K: number,
  joint: Uint16Array | Uint32Array,
  NB: number,
): void {
  const S = K + 1;
  for (let i = start; i < end; i++) {
    const r = rows[i];
    const hr = h[r];
    const base = r * NB,
      gb = r * K;
    for (let b = 0; b < NB; b++) {
      const o = joint[base + b] * S;
      for (let k = 0; k < K; k++) hist[o + k] += g[gb + k];
      hist[o + K] += hr;
    }
  }
}

/**
 * Adds rows into the feature slots directly, one update per feature: cheaper than bundles plus a fold
 * for nodes of few rows. `codes` is row-major (F per row), `off` each feature's first slot.
 */
export function addFeatures(
  hist: Float64Array,
  rows: Int32Array,
  start: number,
  end: number,
  g: Float32Array,
  h: Float32Array,
  K: number,
  codes: Uint8Array,
  off: Int32Array,
  F: number,
): void {
  if (K === 1) {
    for (let i = start; i < end; i++) {
      const r = rows[i];
      const gr = g[r],
        hr = h[r];
      for (let f = 0, q = r * F; f < F; f++, q++) {
        const o = (off[f] + codes[q]) << 1;
        hist[o] += gr;
        hist[o + 1] += hr;
      }
    }
    return;
  }
  const S = K + 1;
  for (let i = start; i < end; i++) {
    const r = rows[i];
    const hr = h[r];
    const base = r * F,
      gb = r * K;
    for (let f = 0; f < F; f++) {
      const o = (off[f] + codes[base + f]) * S;
      for (let k = 0; k < K; k++) hist[o + k] += g[gb + k];
      hist[o + K] += hr;
    }
  }
}

/** large -= small over the first `len` numbers: the larger child's histogram from its parent's. */
export function subtractHistogram(large: Float64Array, small: Float64Array, len: number): void {
  for (let q = 0; q < len; q++) large[q] -= small[q];
}

/** Row blocks of a large node's histogram: each summed apart, in row order, then added up in block order. */
export const ROW_BLOCKS = 4;

/**
 * Nodes with at least this many rows are summed in row blocks, with or without helpers (fewer rows:
 * waking a helper costs more than it saves, and adding up the partials would cost too much).
 */
export const BLOCKED_ROWS = 4096 * ROW_BLOCKS;

/**
 * Where block c of rows[start..end) begins (c = ROW_BLOCKS gives end). The blocks depend on the node
 * alone, never on how many threads sum them, so a model is bit-identical for every thread count.
 * Self-contained like addBundlesK1.
 */
export function blockStart(start: number, end: number, c: number, blocks: number): number {
  return start + Math.floor(((end - start) * c) / blocks);
}

/**
 * Sums row block c of rows[start..end) of a large node: block 0 into `hist`, block c > 0 into its own
 * partial (zeroed here). What one thread does for each block, and the calling thread of growThreads.ts
 * for the blocks it claims (its helpers run the same steps from their pasted source).
 */
export function sumRowBlock(
  c: number,
  hist: Float64Array,
  partials: Float64Array,
  histSize: number,
  rows: Int32Array,
  start: number,
  end: number,
  g: Float32Array,
  h: Float32Array,
  joint: Uint16Array | Uint32Array,
  NB: number,
): void {
  const into = c === 0 ? hist : partials.subarray((c - 1) * histSize, c * histSize);
  if (c > 0) into.fill(0);
  addBundlesK1(into, rows, blockStart(start, end, c, ROW_BLOCKS), blockStart(start, end, c + 1, ROW_BLOCKS), g, h, joint, NB, 0, NB);
}

/** Adds the partials of blocks 1.. into `hist`, in block order: the same order whoever summed them. */
export function mergeRowBlocks(hist: Float64Array, partials: Float64Array, histSize: number): void {
  for (let c = 1; c < ROW_BLOCKS; c++) {
    const from = (c - 1) * histSize;
    for (let q = 0; q < histSize; q++) hist[q] += partials[from + q];
  }
}

/**
 * addBundlesK1 over a large node, summed as growThreads.ts sums it across threads (every block, then
 * the merge), so the model does not depend on the thread count.
 */
export function addRowBlocksK1(
  hist: Float64Array,
  partials: Float64Array,
  histSize: number,
  rows: Int32Array,
  start: number,
  end: number,
  g: Float32Array,
  h: Float32Array,
  joint: Uint16Array | Uint32Array,
  NB: number,
): void {
  for (let c = 0; c < ROW_BLOCKS; c++) sumRowBlock(c, hist, partials, histSize, rows, start, end, g, h, joint, NB);
  mergeRowBlocks(hist, partials, histSize);
}
