/**
 * The best split of a node from its histogram: numeric thresholds scanned in code order with the
 * missing slot tried on either side, categories ordered by smoothed mean gradient first (one scan then
 * finds the best subset split), and for extremely randomised trees one random threshold per feature.
 * Nodes too small for a dense histogram are scanned from a scratch buffer that touches only the slots
 * their rows use.
 */
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

export interface Split {
  gain: number;
  feature: number;
  bin: number;
  missLeft: boolean;
  cats: Uint32Array | null;
  /** Left child's sums of gradients (K) and hessians. */
  GL: Float64Array;
  HL: number;
}

/** What split search reads of the data: the features, their slots and the rows' gradients. */
export interface SplitData {
  nBins: number[];
  isCat: boolean[];
  /** Features this tree may use. */
  features: number[];
  K: number;
  /** First histogram slot of each feature (and the total after the last). */
  off: Int32Array;
  /** Row-major codes, F per row. */
  codes: Uint8Array;
  F: number;
  g: Float32Array;
  h: Float32Array;
}

export class SplitFinder {
  private readonly S: number;
  private readonly GL: Float64Array;
  private readonly GR: Float64Array;
  private readonly GM: Float64Array;
  private readonly bestGL: Float64Array;
  private readonly catKey = new Float64Array(256);
  /** One reusable list per feature: a split's bin order is read only until its find returns. */
  private readonly binLists: number[][];
  private readonly scratch: Float64Array;
  private readonly stamp: Int32Array;
  private stampId = 0;

  constructor(
    private readonly d: SplitData,
    private readonly p: GrowParams,
    private readonly rng: Rng,
  ) {
    const K = d.K;
    this.S = K + 1;
    this.GL = new Float64Array(K);
    this.GR = new Float64Array(K);
    this.GM = new Float64Array(K);
    this.bestGL = new Float64Array(K);
    this.binLists = Array.from({ length: d.F }, () => []);
    const slots = d.off[d.F];
    this.scratch = new Float64Array(slots * this.S);
    this.stamp = new Int32Array(slots);
  }

  /** The features tried at a node: all the tree's, or a random share of them (forests). */
  sampleFeatures(): number[] {
    const all = this.d.features;
    if (this.p.featureFractionNode >= 1) return all;
    return this.rng.sample(all.length, Math.max(1, Math.round(all.length * this.p.featureFractionNode))).map((i) => all[i]);
  }

  private score(G: Float64Array, H: number): number {
    let s = 0;
    for (let k = 0; k < G.length; k++) s += G[k] * G[k];
    return s / (H + this.p.lambda);
  }

  /**
   * Best split of a node with totals (GT, HT) from its histogram. `binsOf(f)` lists the occupied value
   * codes of feature f in ascending order (null: scan all of them). The split's left sums are its own copy.
   */
  find(
    hist: Float64Array,
    GT: Float64Array,
    HT: number,
    depth: number,
    binsOf: ((f: number) => number[]) | null,
    feats: number[],
  ): Split | null {
    const { p, d, S, GL, GR, GM, bestGL, catKey, rng } = this;
    const K = d.K,
      off = d.off;
    if (depth >= p.maxDepth || HT < 2 * p.minChildWeight) return null;
    // The best candidate so far, in locals: a scan improves on it many times, and only the last counts.
    let found = false,
      bestFeature = 0,
      bestBin = 0,
      bestMissLeft = false,
      bestHL = 0;
    let bestGain = p.minSplitGain;
    let bestOrder: number[] | null = null,
      bestJ = 0;
    const parentScore = this.score(GT, HT);
    // One candidate: left sums in GL/hl. Returns whether it became the best so far.
    const consider = (hl: number, f: number, b: number, missLeft: boolean): boolean => {
      const hr = HT - hl;
      if (!(hl >= p.minChildWeight && hr >= p.minChildWeight && hl > 0 && hr > 1e-12 * HT)) return false;
      for (let k = 0; k < K; k++) GR[k] = GT[k] - GL[k];
      const gain = this.score(GL, hl) + this.score(GR, hr) - parentScore;
      if (!(gain > bestGain)) return false;
      bestGain = gain;
      bestGL.set(GL);
      found = true;
      bestFeature = f;
      bestBin = b;
      bestMissLeft = missLeft;
      bestHL = hl;
      return true;
    };
    // The same for one gradient on scalars (boosting's case): the same operations in the same order,
    // without loops over K. The left gradient sum is gl.
    const G1 = GT[0];
    const consider1 = (gl: number, hl: number, f: number, b: number, missLeft: boolean): boolean => {
      const hr = HT - hl;
      if (!(hl >= p.minChildWeight && hr >= p.minChildWeight && hl > 0 && hr > 1e-12 * HT)) return false;
      const gr = G1 - gl;
      const gain = (gl * gl) / (hl + p.lambda) + (gr * gr) / (hr + p.lambda) - parentScore;
      if (!(gain > bestGain)) return false;
      bestGain = gain;
      bestGL[0] = gl;
      found = true;
      bestFeature = f;
      bestBin = b;
      bestMissLeft = missLeft;
      bestHL = hl;
      return true;
    };
    for (const f of feats) {
      const fo = off[f];
      const nb = d.nBins[f];
      const mo = (fo + nb) * S;
      for (let k = 0; k < K; k++) GM[k] = hist[mo + k];
      const HM = hist[mo + K];
      const isCat = d.isCat[f];
      if (K === 1 && !binsOf && !isCat && !p.extra) {
        // The dense numeric scan below on scalars for one gradient (boosting's case).
        const gm = GM[0];
        let gl = 0,
          hl = 0;
        for (let b = 0; b < nb; b++) {
          const o = (fo + b) << 1;
          const hb = hist[o + 1];
          if (hb === 0) continue;
          gl += hist[o];
          hl += hb;
          consider1(gl, hl, f, b, false);
          if (HM !== 0) {
            gl += gm;
            consider1(gl, hl + HM, f, b, true);
            gl -= gm;
          }
        }
        continue;
      }
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
      const order = binsOf ? binsOf(f) : this.denseBins(hist, f);
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
      if (K === 1) {
        const gm = GM[0];
        let gl = 0,
          hl = 0;
        for (let j = 0; j <= hi; j++) {
          const o = (fo + order[j]) << 1;
          gl += hist[o];
          hl += hist[o + 1];
          if (j < lo) continue;
          if (consider1(gl, hl, f, isCat ? 0 : order[j], false) && isCat) {
            bestOrder = order;
            bestJ = j;
          }
          if (HM !== 0) {
            gl += gm;
            if (consider1(gl, hl + HM, f, isCat ? 0 : order[j], true) && isCat) {
              bestOrder = order;
              bestJ = j;
            }
            gl -= gm;
          }
        }
        continue;
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
    if (!found) return null;
    const split: Split = { gain: bestGain, feature: bestFeature, bin: bestBin, missLeft: bestMissLeft, cats: null, HL: bestHL, GL: bestGL };
    if (d.isCat[bestFeature] && bestOrder) {
      const set = new Uint32Array(8);
      for (let q = 0; q <= bestJ; q++) set[bestOrder[q] >>> 5] |= 1 << (bestOrder[q] & 31);
      split.cats = set;
    }
    split.GL = bestGL.slice();
    return split;
  }

  private denseBins(hist: Float64Array, f: number): number[] {
    const out = this.binLists[f];
    out.length = 0;
    const fo = this.d.off[f],
      S = this.S,
      K = this.d.K;
    for (let b = 0, nb = this.d.nBins[f]; b < nb; b++) if (hist[(fo + b) * S + K] > 0) out.push(b);
    return out;
  }

  /** Split of a small node from the scratch buffer, touching only the slots its rows use. */
  findSparse(rows: Int32Array, start: number, end: number, GT: Float64Array, HT: number, depth: number): Split | null {
    const { p, d, S, scratch, stamp } = this;
    if (depth >= p.maxDepth || HT < 2 * p.minChildWeight) return null;
    const { K, off, codes, F, g, h, nBins } = d;
    const id = ++this.stampId;
    // Only the features tried at this node need sums: no child is derived from this histogram.
    const feats = this.sampleFeatures();
    const touched = this.binLists;
    for (const f of feats) touched[f].length = 0;
    for (let i = start; i < end; i++) {
      const r = rows[i];
      const base = r * F,
        gb = r * K,
        hr = h[r];
      for (const f of feats) {
        const c = codes[base + f];
        const slot = off[f] + c;
        if (stamp[slot] !== id) {
          stamp[slot] = id;
          if (c !== nBins[f]) touched[f].push(c);
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
      const slot = off[f] + nBins[f];
      if (stamp[slot] !== id) {
        stamp[slot] = id;
        for (let k = 0; k <= K; k++) scratch[slot * S + k] = 0;
      }
    }
    const binsOf = (f: number) => {
      const t = touched[f],
        nb = nBins[f];
      if (t.length * 8 < nb) return t.sort((a, b) => a - b);
      const out: number[] = [];
      for (let b = 0; b < nb; b++) if (stamp[off[f] + b] === id) out.push(b);
      return out;
    };
    return this.find(scratch, GT, HT, depth, binsOf, feats);
  }
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
