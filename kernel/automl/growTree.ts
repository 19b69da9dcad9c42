/**
 * Histogram-based tree growth shared by boosting and forests. Gradients g (n x K, row-major) and
 * hessians h (n) define the loss; leaf values are -G/(H + lambda). Forests pass g = -y*w, h = w, which
 * makes the gain a variance (or, on one-hot labels, Gini) reduction and the leaves means.
 * Speed: a node's histogram is built only for the smaller child; the larger is parent minus smaller,
 * computed in the parent's buffer. Feature f owns nBins[f] + 1 slots (the last is missing), so
 * low-cardinality features cost little. Nodes with fewer rows than histogram slots (the deep end of
 * forest trees) skip dense histograms: they accumulate into a scratch buffer and scan only the bins
 * their rows touch.
 */
import type { BinnedMatrix } from './binner';
import { growMatrix, type GrowMatrix } from './growMatrix';
import type { Tree } from './tree';
import type { Rng } from './rng';

export interface GrowParams {
  maxDepth: number;
  maxLeaves: number;
  minChildWeight: number;
  lambda: number;
  minSplitGain: number;
  /** Fraction of the allowed features tried at each node (forests). */
  featureFractionNode: number;
  /** Extremely randomised: one random threshold per feature. */
  extra: boolean;
  /** 'best': leaf-wise by gain (boosting); 'depth': depth-first, bounded memory (deep forest trees). */
  order: 'best' | 'depth';
  catSmooth: number;
}

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
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
  missLeft: boolean;
  cats: Uint32Array | null;
  /** Left child's sums of gradients (K) and hessians. */
  GL: Float64Array;
  HL: number;
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
  if (!gm.pool.has(histSize)) gm.pool.set(histSize, []);
  const pool = gm.pool.get(histSize)!;
  const take = () => {
    const b = pool.pop();
    if (b) {
      b.fill(0);
      return b;
    }
    return new Float64Array(histSize);
  };
  const scratch = new Float64Array(histSize);
  const stamp = new Int32Array(slots);
  let stampId = 0;
  const codes = X.codes;
  const isSmall = (m: number) => m * 8 < slots;
  const goLeft = new Uint8Array(256);
  const spill = gm.spill;

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
  const build = (hist: Float64Array, start: number, end: number) => {
    if (end - start >= bundledFrom) {
      buildBundled(hist, start, end);
      return;
    }
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
  };

  const buildBundled = (hist: Float64Array, start: number, end: number) => {
    if (K === 1) {
      for (let i = start; i < end; i++) {
        const r = rows[i];
        const gr = g[r],
          hr = h[r];
        for (let q = r * NB, stop = q + NB; q < stop; q++) {
          const o = joint[q] << 1;
          hist[o] += gr;
          hist[o + 1] += hr;
        }
      }
    } else
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
    for (let e = 0; e < foldFrom.length; e++) {
      const a = foldFrom[e] * S,
        z = foldTo[e] * S;
      for (let k = 0; k <= K; k++) hist[z + k] += hist[a + k];
    }
  };

  const GL = new Float64Array(K),
    GR = new Float64Array(K),
    GM = new Float64Array(K);
  const score = (G: Float64Array, H: number) => {
    let s = 0;
    for (let k = 0; k < K; k++) s += G[k] * G[k];
    return s / (H + p.lambda);
  };

  /**
   * Best split of a node with totals (GT, HT). `binsOf(f)` lists the occupied value codes of feature f
   * in ascending order; `hist` holds the node's sums for them.
   */
  const sampleFeatures = (): number[] => {
    const all = inp.features;
    if (p.featureFractionNode >= 1) return all;
    return rng.sample(all.length, Math.max(1, Math.round(all.length * p.featureFractionNode))).map((i) => all[i]);
  };

  const bestGL = new Float64Array(K);
  const catKey = new Float64Array(256);
  /** The split's left sums go into bestGL; the children's totals then need no pass over rows. */
  const findSplit = (
    hist: Float64Array,
    HT: number,
    depth: number,
    binsOf: ((f: number) => number[]) | null,
    feats: number[],
  ): Split | null => {
    if (depth >= p.maxDepth || HT < 2 * p.minChildWeight) return null;
    let best: Split | null = null;
    let bestGain = p.minSplitGain;
    let bestOrder: number[] | null = null,
      bestJ = 0;
    const parentScore = score(GT, HT);
    // One candidate: left sums in GL/hl. Returns whether it became the best so far.
    const consider = (hl: number, f: number, b: number, missLeft: boolean): boolean => {
      const hr = HT - hl;
      if (!(hl >= p.minChildWeight && hr >= p.minChildWeight && hl > 0 && hr > 1e-12 * HT)) return false;
      for (let k = 0; k < K; k++) GR[k] = GT[k] - GL[k];
      const gain = score(GL, hl) + score(GR, hr) - parentScore;
      if (!(gain > bestGain)) return false;
      bestGain = gain;
      bestGL.set(GL);
      best = { gain, feature: f, bin: b, missLeft, cats: null, HL: hl, GL: bestGL };
      return true;
    };
    for (const f of feats) {
      const fo = off[f];
      const nb = inp.nBins[f];
      const mo = (fo + nb) * S;
      for (let k = 0; k < K; k++) GM[k] = hist[mo + k];
      const HM = hist[mo + K];
      const isCat = inp.isCat[f];
      if (!binsOf && !isCat && !p.extra) {
        // Dense numeric scan without a list of bins: empty bins add nothing and repeat the previous candidate.
        GL.fill(0);
        let HL = 0;
        for (let b = 0; b < nb; b++) {
          const o = (fo + b) * S;
          const hb = hist[o + K];
          if (hb === 0) continue;
          for (let k = 0; k < K; k++) GL[k] += hist[o + k];
          HL += hb;
          consider(HL, f, b, false);
          if (HM !== 0) {
            for (let k = 0; k < K; k++) GL[k] += GM[k];
            consider(HL + HM, f, b, true);
            for (let k = 0; k < K; k++) GL[k] -= GM[k];
          }
        }
        continue;
      }
      const order = binsOf ? binsOf(f) : denseBins(hist, f);
      if (order.length === 0 || (order.length === 1 && HM === 0)) continue;
      if (isCat) {
        const kk = K === 1 ? 0 : rng.int(K);
        for (const b of order) catKey[b] = hist[(fo + b) * S + kk] / (hist[(fo + b) * S + K] + p.catSmooth);
        sortByKey(order, catKey);
      }
      const len = order.length;
      let lo = 0,
        hi = len - 1;
      if (p.extra) {
        if (len < 2) continue;
        lo = hi = rng.int(len - 1);
      }
      GL.fill(0);
      let HL = 0;
      for (let j = 0; j <= hi; j++) {
        const o = (fo + order[j]) * S;
        for (let k = 0; k < K; k++) GL[k] += hist[o + k];
        HL += hist[o + K];
        if (j < lo) continue;
        if (consider(HL, f, isCat ? 0 : order[j], false) && isCat) {
          bestOrder = order;
          bestJ = j;
        }
        if (HM !== 0) {
          for (let k = 0; k < K; k++) GL[k] += GM[k];
          if (consider(HL + HM, f, isCat ? 0 : order[j], true) && isCat) {
            bestOrder = order;
            bestJ = j;
          }
          for (let k = 0; k < K; k++) GL[k] -= GM[k];
        }
      }
    }
    const found = best as Split | null;
    if (!found) return null;
    if (inp.isCat[found.feature] && bestOrder) {
      const set = new Uint32Array(8);
      for (let q = 0; q <= bestJ; q++) set[bestOrder[q] >>> 5] |= 1 << (bestOrder[q] & 31);
      found.cats = set;
    }
    found.GL = bestGL.slice();
    return found;
  };

  // One reusable list per feature: a split's bin order is read only until its findSplit returns.
  const binLists: number[][] = Array.from({ length: F }, () => []);
  const denseBins = (hist: Float64Array, f: number) => {
    const out = binLists[f];
    out.length = 0;
    const fo = off[f];
    for (let b = 0, nb = inp.nBins[f]; b < nb; b++) if (hist[(fo + b) * S + K] > 0) out.push(b);
    return out;
  };

  /** Split of a small node from the scratch buffer, touching only the slots its rows use. */
  const sparseSplit = (start: number, end: number, HT: number, depth: number): Split | null => {
    if (depth >= p.maxDepth || HT < 2 * p.minChildWeight) return null;
    stampId++;
    // Only the features tried at this node need sums: no child is derived from this histogram.
    const feats = sampleFeatures();
    const touched: number[][] = Array.from({ length: F }, () => []);
    for (let i = start; i < end; i++) {
      const r = rows[i];
      const base = r * F,
        gb = r * K,
        hr = h[r];
      for (const f of feats) {
        const c = codes[base + f];
        const slot = off[f] + c;
        if (stamp[slot] !== stampId) {
          stamp[slot] = stampId;
          if (c !== inp.nBins[f]) touched[f].push(c);
          const o = slot * S;
          for (let k = 0; k <= K; k++) scratch[o + k] = 0;
        }
        const o = slot * S;
        for (let k = 0; k < K; k++) scratch[o + k] += g[gb + k];
        scratch[o + K] += hr;
      }
    }
    // Missing slots that were not touched must read as empty.
    for (const f of feats) {
      const slot = off[f] + inp.nBins[f];
      if (stamp[slot] !== stampId) {
        stamp[slot] = stampId;
        for (let k = 0; k <= K; k++) scratch[slot * S + k] = 0;
      }
    }
    const binsOf = (f: number) => {
      const t = touched[f],
        nb = inp.nBins[f];
      if (t.length * 8 < nb) return t.sort((a, b) => a - b);
      const out: number[] = [];
      for (let b = 0; b < nb; b++) if (stamp[off[f] + b] === stampId) out.push(b);
      return out;
    };
    return findSplit(scratch, HT, depth, binsOf, feats);
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
    if (open && end - start >= 2) nd.split = hist ? findSplit(hist, H, depth, null, sampleFeatures()) : sparseSplit(start, end, H, depth);
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
    // Stable, branch-free partition: a row goes left when the lookup table says so; rows stay ascending
    // within each node, so histogram building walks memory forwards.
    if (sp.cats) for (let c = 0; c < mc; c++) goLeft[c] = (sp.cats[c >>> 5] >>> (c & 31)) & 1;
    else for (let c = 0; c < mc; c++) goLeft[c] = c <= sp.bin ? 1 : 0;
    goLeft[mc] = sp.missLeft ? 1 : 0;
    const colBase = f * n;
    // Children that can never be split (depth or leaf limit reached) are leaves: their rows need not be
    // grouped, only told their leaf.
    const mayGrow = nd.depth + 1 < p.maxDepth && leaves + 1 < p.maxLeaves;
    let mid = nd.start,
      cEnd = nd.end;
    if (mayGrow) {
      let nr = 0,
        i = nd.start;
      // Two rows per step: fewer loop checks on the hottest loop after histogram building.
      for (const stop = nd.end - 1; i < stop; i += 2) {
        const r0 = rows[i],
          r1 = rows[i + 1];
        const go0 = goLeft[cols[colBase + r0]],
          go1 = goLeft[cols[colBase + r1]];
        rows[mid] = r0;
        spill[nr] = r0;
        mid += go0;
        nr += 1 - go0;
        rows[mid] = r1;
        spill[nr] = r1;
        mid += go1;
        nr += 1 - go1;
      }
      if (i < nd.end) {
        const r = rows[i];
        const go = goLeft[cols[colBase + r]];
        rows[mid] = r;
        spill[nr] = r;
        mid += go;
        nr += 1 - go;
      }
      rows.set(spill.subarray(0, nr), mid);
    } else {
      const leafOfRow = inp.leafOfRow;
      if (leafOfRow) {
        // makeNode below numbers the left child first.
        const lId = feature.length,
          rId = lId + 1;
        for (let i = nd.start; i < nd.end; i++) {
          const r = rows[i];
          leafOfRow[r] = goLeft[cols[colBase + r]] ? lId : rId;
        }
      }
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
        for (let q = 0; q < featureSize; q++) large[q] -= small[q];
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

/** Sorts codes by key[code], ascending; insertion sort for the short lists categories usually give. */
function sortByKey(order: number[], key: Float64Array): void {
  if (order.length > 48) {
    order.sort((a, b) => key[a] - key[b]);
    return;
  }
  for (let i = 1; i < order.length; i++) {
    const c = order[i],
      kc = key[c];
    let j = i - 1;
    while (j >= 0 && key[order[j]] > kc) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = c;
  }
}
