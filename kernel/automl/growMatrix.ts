/**
 * The binned matrix in the two layouts tree growth reads, built once per model instead of per tree:
 * row-major bundle slots (a row's codes packed per bundle and already offset to the bundle's first
 * histogram slot, so building a histogram is one load and two additions per bundle) and column-major
 * codes (partitioning a node reads one feature of its rows, which then sits in a few cache lines
 * instead of one per row). Together about three times the codes' memory.
 */
import type { BinnedMatrix } from './binner';
import { bundleFeatures } from './featureBundles';

/** Largest joint histogram of a bundle: small enough that folding it back stays cheap. */
const BUNDLE_SLOTS = 256;

export interface GrowMatrix {
  n: number;
  nFeatures: number;
  /** First histogram slot of each feature; feature f owns nBins[f] + 1 slots (the last is missing). */
  off: Int32Array;
  /** Column-major codes: feature f, row r at f * n + r. */
  cols: Uint8Array;
  /**
   * Row-major bundle slots (see featureBundles.ts): row r, bundle b at r * nBundles + b. A single
   * feature's bundle points into its own slots; a shared bundle into the joint slots after off[F].
   */
  joint: Uint16Array | Uint32Array;
  nBundles: number;
  /** Joint slots after the per-feature ones. */
  jointSlots: number;
  /** Folding the joint slots back: slot foldFrom[e] adds into feature slot foldTo[e]. */
  foldFrom: Int32Array;
  foldTo: Int32Array;
  /** Fold entries of bundle b: [foldStart[b], foldStart[b + 1]) (bundles own disjoint entries and feature slots). */
  foldStart: Int32Array;
  /** Buffers every tree grown on this matrix reuses (trees grow one at a time): free histograms by length. */
  pool: Map<number, Float64Array[]>;
  /** Partition scratch, one slot per row. */
  spill: Int32Array;
}

export function growMatrix(X: BinnedMatrix, nBins: number[]): GrowMatrix {
  const { n, nFeatures: F, codes } = X;
  const off = new Int32Array(F + 1);
  for (let f = 0; f < F; f++) off[f + 1] = off[f] + nBins[f] + 1;
  const slots = off[F];
  const bundles = bundleFeatures(
    Array.from({ length: F }, (_, f) => nBins[f] + 1),
    BUNDLE_SLOTS,
  );
  const B = bundles.length;
  // Where each bundle's codes start, and the fold of the shared ones back to feature slots.
  const base = new Int32Array(B);
  const foldStart = new Int32Array(B + 1);
  const from: number[] = [],
    to: number[] = [];
  let jointSlots = 0;
  bundles.forEach((bd, b) => {
    foldStart[b] = from.length;
    if (bd.features.length === 1) {
      base[b] = off[bd.features[0]];
      return;
    }
    base[b] = slots + jointSlots;
    for (let j = 0; j < bd.size; j++)
      bd.features.forEach((f, q) => {
        from.push(slots + jointSlots + j);
        to.push(off[f] + (Math.floor(j / bd.stride[q]) % (nBins[f] + 1)));
      });
    jointSlots += bd.size;
  });
  foldStart[B] = from.length;
  const wide = slots + jointSlots > 0xffff;
  const joint = wide ? new Uint32Array(n * B) : new Uint16Array(n * B);
  const cols = new Uint8Array(n * F);
  for (let r = 0, i = 0; r < n; r++)
    for (let f = 0; f < F; f++, i++) {
      cols[f * n + r] = codes[i];
    }
  for (let b = 0; b < B; b++) {
    const { features, stride } = bundles[b];
    for (let r = 0; r < n; r++) {
      let j = base[b];
      for (let q = 0; q < features.length; q++) j += codes[r * F + features[q]] * stride[q];
      joint[r * B + b] = j;
    }
  }
  return {
    n,
    nFeatures: F,
    off,
    cols,
    joint,
    nBundles: B,
    jointSlots,
    foldFrom: Int32Array.from(from),
    foldTo: Int32Array.from(to),
    foldStart,
    pool: new Map(),
    spill: new Int32Array(n),
  };
}
