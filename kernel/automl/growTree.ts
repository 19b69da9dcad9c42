/**
 * Histogram-based tree growth shared by boosting and forests. Gradients g (n x K, row-major) and
 * hessians h (n) define the loss; leaf values are -G/(H + lambda). Forests pass g = -y*w, h = w, which
 * makes the gain a variance (or, on one-hot labels, Gini) reduction and the leaves means.
 * Speed: a node's histogram is built only for the smaller child; the larger is parent minus smaller,
 * computed in the parent's buffer. Feature f owns nBins[f] + 1 slots (the last is missing), so
 * low-cardinality features cost little. Nodes with fewer rows than histogram slots (the deep end of
 * forest trees) skip dense histograms: they accumulate into a scratch buffer and scan only the bins
 * their rows touch. Histogram building is in histogram.ts, split search in splitFinder.ts, moving rows
 * to children in partition.ts, and sharing histogram building across threads in growThreads.ts.
 */
import type { BinnedMatrix } from './binner';
import type { GrowThreads } from './growThreads';
import { growMatrix, type GrowMatrix } from './growMatrix';
import { addBundles, addBundlesK1, addFeatures, addRowBlocksK1, BLOCKED_ROWS, foldJoint, ROW_BLOCKS, subtractHistogram } from './histogram';
import { assignLeaves, fillGoLeft, partitionRows } from './partition';
import type { Rng } from './rng';
import { SplitFinder, type GrowParams, type Split } from './splitFinder';
import type { Tree } from './tree';

export type { GrowParams } from './splitFinder';

export interface GrowInput {
  X: BinnedMatrix;
  nBins: number[];
  isCat: boolean[];
  g: Float32Array;
  h: Float32Array;
  K: number;
  /** Rows used; permuted in place. */
  rows: Uint32Array;
  /** Features this tree may use. */
  features: number[];
  /** When given, receives the leaf of every grown row (saves re-traversing them afterwards). */
  leafOfRow?: Int32Array;
  /** X in the layouts growth reads; pass it when growing many trees on the same X (built here otherwise). */
  matrix?: GrowMatrix;
  /** Helper threads that share the building of large histograms (K = 1; rows, g, h and histograms in their shared memory). */
  threads?: GrowThreads;
}

interface Pending {
  node: number;
  start: number;
  end: number;
  depth: number;
  /** Dense histogram, or null for small nodes. */
  hist: Float64Array | null;
  split: Split | null;
  /** Sums of gradients (K) and hessians of the node's rows. */
  G: Float64Array;
  H: number;
}

export function growTree(inp: GrowInput, p: GrowParams, rng: Rng): Tree {
  const { X, g, h, K } = inp;
  // Signed view of the same rows: V8 keeps int32 loads in registers, while a uint32 may not fit a small integer.
  const rows = new Int32Array(inp.rows.buffer, inp.rows.byteOffset, inp.rows.length);
  const F = X.nFeatures;
  const S = K + 1;
  const gm = inp.matrix ?? growMatrix(X, inp.nBins);
  const { off, cols } = gm;
  const n = X.n;
  const slots = off[F];
  // Feature slots, then the joint slots of bundled building (scratch: only feature slots are read).
  const histSize = (slots + gm.jointSlots) * S;
  const featureSize = slots * S;
  const threads = K === 1 && inp.threads?.serves(inp.rows, g, h) ? inp.threads : undefined;
  if (!gm.pool.has(histSize)) gm.pool.set(histSize, []);
  const pool = gm.pool.get(histSize)!;
  const take = () => {
    const b = pool.pop() ?? threads?.histogram(histSize);
    if (b) {
      b.fill(0);
      return b;
    }
    return new Float64Array(histSize);
  };
  const codes = X.codes;
  const isSmall = (m: number) => m * 8 < slots;
  const goLeft = new Uint8Array(256);
  const spill = gm.spill;
  const finder = new SplitFinder({ nBins: inp.nBins, isCat: inp.isCat, features: inp.features, K, off, codes, F, g, h }, p, rng);

  const feature: number[] = [],
    bin: number[] = [],
    missLeft: number[] = [],
    missCode: number[] = [],
    catOffset: number[] = [];
  const cats: number[] = [],
    left: number[] = [],
    right: number[] = [],
    value: number[] = [],
    cover: number[] = [];
  const GT = new Float64Array(K);

  /**
   * Node totals into GT, returns H. With a histogram, one feature's slots (missing included) already
   * hold them, which costs a few hundred additions instead of a pass over the node's rows.
   */
  const totals = (start: number, end: number, hist: Float64Array | null): number => {
    GT.fill(0);
    let H = 0;
    if (hist && F > 0) {
      for (let o = off[0] * S, stop = off[1] * S; o < stop; o += S) {
        for (let k = 0; k < K; k++) GT[k] += hist[o + k];
        H += hist[o + K];
      }
      return H;
    }
    for (let i = start; i < end; i++) {
      const r = rows[i];
      for (let k = 0; k < K; k++) GT[k] += g[r * K + k];
      H += h[r];
    }
    return H;
  };

  const addNode = (H: number): number => {
    const id = feature.length;
    feature.push(-1);
    bin.push(0);
    missLeft.push(0);
    missCode.push(0);
    catOffset.push(-1);
    left.push(-1);
    right.push(-1);
    for (let k = 0; k < K; k++) value.push(H > 0 ? -GT[k] / (H + p.lambda) : 0);
    cover.push(H);
    return id;
  };

  const { joint, nBundles: NB, foldFrom, foldTo } = gm;
  // Bundled building pays a fold over the joint slots to save (F - NB) updates per row.
  // Without shared bundles there is nothing to fold and the bundle slots are the feature slots.
  const bundledFrom = NB < F ? Math.ceil((2 * foldFrom.length) / (F - NB)) : 0;
  let partials: Float64Array | null = null;
  const build = (hist: Float64Array, start: number, end: number) => {
    if (end - start < bundledFrom) addFeatures(hist, rows, start, end, g, h, K, codes, off, F);
    else if (threads?.shares(hist, end - start)) threads.addBundles(hist, start, end);
    else if (K === 1) {
      // A large node is summed in row blocks, as helper threads would sum it (growThreads.ts).
      if (end - start >= BLOCKED_ROWS)
        addRowBlocksK1(hist, (partials ??= new Float64Array((ROW_BLOCKS - 1) * histSize)), histSize, rows, start, end, g, h, joint, NB);
      else addBundlesK1(hist, rows, start, end, g, h, joint, NB, 0, NB);
      foldJoint(hist, foldFrom, foldTo, S, 0, foldFrom.length);
    } else {
      addBundles(hist, rows, start, end, g, h, K, joint, NB);
      foldJoint(hist, foldFrom, foldTo, S, 0, foldFrom.length);
    }
  };

  const markLeaf = (nd: Pending) => {
    if (nd.hist) pool.push(nd.hist);
    if (inp.leafOfRow) for (let i = nd.start; i < nd.end; i++) inp.leafOfRow[rows[i]] = nd.node;
  };

  /** A node with totals (G, H); its best split is searched only when it may still be split. */
  const makeNode = (
    start: number,
    end: number,
    depth: number,
    hist: Float64Array | null,
    G: Float64Array,
    H: number,
    open: boolean,
  ): Pending => {
    GT.set(G);
    const node = addNode(H);
    const nd: Pending = { node, start, end, depth, hist, split: null, G: GT.slice(), H };
    if (open && end - start >= 2)
      nd.split = hist ? finder.find(hist, GT, H, depth, null, finder.sampleFeatures()) : finder.findSparse(rows, start, end, GT, H, depth);
    return nd;
  };

  let rootHist: Float64Array | null = null;
  if (!isSmall(rows.length)) {
    rootHist = take();
    build(rootHist, 0, rows.length);
  }
  const rootH = totals(0, rows.length, rootHist);
  const pending: Pending[] = [makeNode(0, rows.length, 0, rootHist, GT, rootH, true)];
  let leaves = 1;
  while (pending.length) {
    let pick = pending.length - 1;
    if (p.order === 'best')
      for (let i = 0; i < pending.length; i++) if ((pending[i].split?.gain ?? -1) > (pending[pick].split?.gain ?? -1)) pick = i;
    const nd = pending[pick];
    pending[pick] = pending[pending.length - 1];
    pending.pop();
    const sp = nd.split;
    if (!sp || leaves >= p.maxLeaves) {
      markLeaf(nd);
      continue;
    }
    const f = sp.feature;
    const mc = inp.nBins[f];
    fillGoLeft(goLeft, mc, sp.bin, sp.cats, sp.missLeft);
    const colBase = f * n;
    // Children that can never be split (depth or leaf limit reached) are leaves: their rows need not be
    // grouped, only told their leaf.
    const mayGrow = nd.depth + 1 < p.maxDepth && leaves + 1 < p.maxLeaves;
    let mid = nd.start,
      cEnd = nd.end;
    if (mayGrow) mid = partitionRows(rows, spill, cols, colBase, goLeft, nd.start, nd.end);
    else {
      // makeNode below numbers the left child first.
      if (inp.leafOfRow) assignLeaves(rows, inp.leafOfRow, cols, colBase, goLeft, nd.start, nd.end, feature.length, feature.length + 1);
      cEnd = mid; // empty ranges: markLeaf has nothing left to assign
    }
    const GR = nd.G.map((v, k) => v - sp.GL[k]),
      HR = nd.H - sp.HL;
    // Children that cannot be split (limits reached, too light) need no histogram.
    const openL = mayGrow && mid - nd.start >= 2 && sp.HL >= 2 * p.minChildWeight,
      openR = mayGrow && nd.end - mid >= 2 && HR >= 2 * p.minChildWeight;
    const denseL = openL && !isSmall(mid - nd.start),
      denseR = openR && !isSmall(nd.end - mid);
    let lh: Float64Array | null = null,
      rh: Float64Array | null = null;
    if (nd.hist && (denseL || denseR)) {
      const smallIsLeft = mid - nd.start <= nd.end - mid;
      const small = take();
      if (smallIsLeft) build(small, nd.start, mid);
      else build(small, mid, nd.end);
      // The larger child is the parent minus the smaller, unless only the smaller is needed.
      if (smallIsLeft ? denseR : denseL) {
        const large = nd.hist;
        subtractHistogram(large, small, featureSize);
        lh = smallIsLeft ? small : large;
        rh = smallIsLeft ? large : small;
      } else {
        pool.push(nd.hist);
        if (smallIsLeft) lh = small;
        else rh = small;
      }
      if (lh && !denseL) {
        pool.push(lh);
        lh = null;
      }
      if (rh && !denseR) {
        pool.push(rh);
        rh = null;
      }
    } else if (nd.hist) pool.push(nd.hist);
    nd.hist = null;
    feature[nd.node] = f;
    bin[nd.node] = sp.bin;
    missLeft[nd.node] = sp.missLeft ? 1 : 0;
    missCode[nd.node] = mc;
    if (sp.cats) {
      catOffset[nd.node] = cats.length;
      cats.push(...sp.cats);
    }
    leaves++;
    const l = makeNode(nd.start, mid, nd.depth + 1, lh, sp.GL, sp.HL, openL);
    const r = makeNode(mid, cEnd, nd.depth + 1, rh, GR, HR, openR);
    left[nd.node] = l.node;
    right[nd.node] = r.node;
    for (const c of [l, r])
      if (c.split) pending.push(c);
      else markLeaf(c);
  }
  return {
    K,
    feature: Int32Array.from(feature),
    bin: Uint8Array.from(bin),
    missLeft: Uint8Array.from(missLeft),
    missCode: Uint8Array.from(missCode),
    catOffset: Int32Array.from(catOffset),
    cats: Uint32Array.from(cats),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
    cover: Float64Array.from(cover),
  };
}
