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
 * A tree compiled for prediction: every split as a 256-bit set of the codes that go left (numeric
 * thresholds, category sets and the missing code alike), so a step down the tree is one lookup and no
 * branch. Leaves step to themselves, so every row takes the tree's depth in steps and rows do not
 * wait on each other's branches. The grower numbers each right child right after its left one, which
 * the step relies on (trees that do not are predicted the plain way).
 */
interface Routing {
  /** Split feature of each node (0 for leaves, whose step goes nowhere). */
  feature: Int32Array;
  /** Right child of each split, the node after a leaf: the step is next - (1 when the code goes left). */
  next: Int32Array;
  /** Node n's set of left-going codes at words [8n, 8n + 8); every code for leaves. */
  leftBits: Int32Array;
  depth: number;
}

const routings = new WeakMap<Tree, Routing | null>();
/** Deeper trees (forests) are predicted the plain way: every row would pay the deepest leaf's steps. */
const MAX_ROUTED_DEPTH = 12;

function routing(t: Tree): Routing | null {
  let r = routings.get(t);
  if (r !== undefined) return r;
  const nodes = t.feature.length;
  if (nodes >= 2 ** (MAX_ROUTED_DEPTH + 1)) {
    routings.set(t, null);
    return null;
  }
  const feature = new Int32Array(nodes),
    next = new Int32Array(nodes),
    leftBits = new Int32Array(nodes * 8),
    depthOf = new Int32Array(nodes);
  let adjacent = true,
    depth = 0;
  for (let n = 0; n < nodes && adjacent; n++) {
    depth = Math.max(depth, depthOf[n]);
    if (t.feature[n] < 0) {
      next[n] = n + 1;
      leftBits.fill(-1, n * 8, n * 8 + 8);
      continue;
    }
    // Children come after their parent, so a node's depth is known before it is visited.
    if (t.right[n] !== t.left[n] + 1 || t.left[n] <= n) adjacent = false;
    else depthOf[t.left[n]] = depthOf[t.right[n]] = depthOf[n] + 1;
    feature[n] = t.feature[n];
    next[n] = t.left[n] + 1;
    for (let c = 0; c <= t.missCode[n]; c++) if (goesLeft(t, n, c)) leftBits[n * 8 + (c >>> 5)] |= 1 << (c & 31);
  }
  r = adjacent && depth <= MAX_ROUTED_DEPTH ? { feature, next, leftBits, depth } : null;
  routings.set(t, r);
  return r;
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
  const r = routing(t);
  const codes = X.codes;
  if (r && t.K === 1) {
    const { feature, next, leftBits, depth } = r;
    const value = t.value;
    // Four rows at a time: their steps are independent, so their loads overlap.
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const b0 = (rows ? rows[i] : i) * F,
        b1 = (rows ? rows[i + 1] : i + 1) * F,
        b2 = (rows ? rows[i + 2] : i + 2) * F,
        b3 = (rows ? rows[i + 3] : i + 3) * F;
      let n0 = 0,
        n1 = 0,
        n2 = 0,
        n3 = 0;
      for (let d = 0; d < depth; d++) {
        const c0 = codes[b0 + feature[n0]],
          c1 = codes[b1 + feature[n1]],
          c2 = codes[b2 + feature[n2]],
          c3 = codes[b3 + feature[n3]];
        n0 = next[n0] - ((leftBits[(n0 << 3) + (c0 >>> 5)] >>> (c0 & 31)) & 1);
        n1 = next[n1] - ((leftBits[(n1 << 3) + (c1 >>> 5)] >>> (c1 & 31)) & 1);
        n2 = next[n2] - ((leftBits[(n2 << 3) + (c2 >>> 5)] >>> (c2 & 31)) & 1);
        n3 = next[n3] - ((leftBits[(n3 << 3) + (c3 >>> 5)] >>> (c3 & 31)) & 1);
      }
      out[i * stride + k0] += scale * value[n0];
      out[(i + 1) * stride + k0] += scale * value[n1];
      out[(i + 2) * stride + k0] += scale * value[n2];
      out[(i + 3) * stride + k0] += scale * value[n3];
    }
    for (; i < n; i++) {
      const base = (rows ? rows[i] : i) * F;
      let node = 0;
      for (let d = 0; d < depth; d++) {
        const c = codes[base + feature[node]];
        node = next[node] - ((leftBits[(node << 3) + (c >>> 5)] >>> (c & 31)) & 1);
      }
      out[i * stride + k0] += scale * value[node];
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const leaf = leafOf(t, codes, (rows ? rows[i] : i) * F);
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
