/**
 * The binned matrix in the two layouts tree growth reads, built once per model instead of per tree:
 * row-major histogram slots (a row's codes already offset to its feature's first slot, so building a
 * histogram is one load and two additions per feature) and column-major codes (partitioning a node
 * reads one feature of its rows, which then sits in a few cache lines instead of one per row).
 */
import type { BinnedMatrix } from './binner';

export interface GrowMatrix {
  n: number;
  nFeatures: number;
  /** First histogram slot of each feature; feature f owns nBins[f] + 1 slots (the last is missing). */
  off: Int32Array;
  /** Row-major slots: row r, feature f at r * nFeatures + f holds off[f] + code. */
  slot: Uint16Array | Uint32Array;
  /** Column-major codes: feature f, row r at f * n + r. */
  cols: Uint8Array;
  /** Buffers every tree grown on this matrix reuses (trees grow one at a time): free histograms by length. */
  pool: Map<number, Float64Array[]>;
  /** Partition scratch, one slot per row. */
  spill: Uint32Array;
}

export function growMatrix(X: BinnedMatrix, nBins: number[]): GrowMatrix {
  const { n, nFeatures: F, codes } = X;
  const off = new Int32Array(F + 1);
  for (let f = 0; f < F; f++) off[f + 1] = off[f] + nBins[f] + 1;
  const slot = off[F] <= 0xffff ? new Uint16Array(n * F) : new Uint32Array(n * F);
  const cols = new Uint8Array(n * F);
  for (let r = 0, i = 0; r < n; r++)
    for (let f = 0; f < F; f++, i++) {
      const c = codes[i];
      slot[i] = off[f] + c;
      cols[f * n + r] = c;
    }
  return { n, nFeatures: F, off, slot, cols, pool: new Map(), spill: new Uint32Array(n) };
}
