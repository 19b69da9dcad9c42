/**
 * A fitted decision tree over binned features, flat in typed arrays. Leaves hold K values (K = 1 for
 * boosting and regression, K = classes for forest classifiers). The split feature's missing code
 * (`missCode`) follows `missLeft`.
 */
import type { BinnedMatrix } from './binner';

export interface Tree {
  K: number;
  /** Split feature per node, -1 for leaves. */
  feature: Int32Array;
  /** Numeric splits: codes <= bin go left. */
  bin: Uint8Array;
  missLeft: Uint8Array;
  missCode: Uint8Array;
  /** Categorical splits: offset of an 8-word bitset of left codes in `cats`, else -1. */
  catOffset: Int32Array;
  cats: Uint32Array;
  left: Int32Array;
  right: Int32Array;
  /** node * K + k */
  value: Float64Array;
  /** Training weight (sum of hessians) that reached each node. */
  cover: Float64Array;
}

export function goesLeft(t: Tree, node: number, code: number): boolean {
  if (code === t.missCode[node]) return t.missLeft[node] === 1;
  const off = t.catOffset[node];
  if (off >= 0) return (t.cats[off + (code >>> 5)] & (1 << (code & 31))) !== 0;
  return code <= t.bin[node];
}

export function leafOf(t: Tree, codes: Uint8Array, base: number): number {
  let node = 0;
  while (t.feature[node] >= 0) node = goesLeft(t, node, codes[base + t.feature[node]]) ? t.left[node] : t.right[node];
  return node;
}

/**
 * Adds scale * leaf values into out (row-major, `stride` columns from column k0) for the given rows of X
 * (all rows when `rows` is null); out row i belongs to the i-th listed row.
 */
export function addTreePrediction(
  t: Tree,
  X: BinnedMatrix,
  rows: ArrayLike<number> | null,
  out: Float64Array,
  stride: number,
  k0: number,
  scale: number,
): void {
  const F = X.nFeatures;
  const n = rows ? rows.length : X.n;
  for (let i = 0; i < n; i++) {
    const leaf = leafOf(t, X.codes, (rows ? rows[i] : i) * F);
    for (let k = 0; k < t.K; k++) out[i * stride + k0 + k] += scale * t.value[leaf * t.K + k];
  }
}

export interface TreeJSON {
  K: number;
  f: number[];
  b: number[];
  m: number[];
  mc: number[];
  co: number[];
  c: number[];
  l: number[];
  r: number[];
  v: number[];
  cv: number[];
}

export function treeToJSON(t: Tree): TreeJSON {
  return {
    K: t.K,
    f: Array.from(t.feature),
    b: Array.from(t.bin),
    m: Array.from(t.missLeft),
    mc: Array.from(t.missCode),
    co: Array.from(t.catOffset),
    c: Array.from(t.cats),
    l: Array.from(t.left),
    r: Array.from(t.right),
    v: Array.from(t.value),
    cv: Array.from(t.cover),
  };
}

export function treeFromJSON(j: TreeJSON): Tree {
  return {
    K: j.K,
    feature: Int32Array.from(j.f),
    bin: Uint8Array.from(j.b),
    missLeft: Uint8Array.from(j.m),
    missCode: Uint8Array.from(j.mc),
    catOffset: Int32Array.from(j.co),
    cats: Uint32Array.from(j.c),
    left: Int32Array.from(j.l),
    right: Int32Array.from(j.r),
    value: Float64Array.from(j.v),
    cover: Float64Array.from(j.cv),
  };
}
