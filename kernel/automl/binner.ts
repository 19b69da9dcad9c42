/**
 * Quantile binning of features into at most 254 value codes, stored row-major in one Uint8Array so
 * histogram building walks memory in order. Categorical codes map to themselves. A feature's missing
 * code is its number of value bins, so histograms only need nBins + 1 slots per feature.
 */
import type { FeatureMatrix } from './preprocessor';

const MAX_BINS = 254;
const SAMPLE = 200_000;

export interface BinnedMatrix {
  /** Row-major codes: row i, feature f at i * nFeatures + f. */
  codes: Uint8Array;
  n: number;
  nFeatures: number;
}

export interface BinnerJSON {
  edges: number[][];
  isCat: boolean[];
  nBins: number[];
}

export class Binner {
  constructor(
    /** Upper edges per numeric feature: value v goes to the first bin b with v <= edges[b]. */
    readonly edges: Float64Array[],
    readonly isCat: boolean[],
    readonly nBins: number[],
  ) {}

  static fit(fm: FeatureMatrix): Binner {
    const edges: Float64Array[] = [];
    const nBins: number[] = [];
    for (let f = 0; f < fm.cols.length; f++) {
      if (fm.isCat[f]) {
        edges.push(new Float64Array(0));
        nBins.push(fm.nCats[f]);
        continue;
      }
      const e = quantileEdges(fm.cols[f]);
      edges.push(e);
      nBins.push(e.length + 1);
    }
    return new Binner(edges, fm.isCat.slice(), nBins);
  }

  static fromJSON(j: BinnerJSON): Binner {
    return new Binner(
      j.edges.map((e) => Float64Array.from(e)),
      j.isCat,
      j.nBins,
    );
  }

  toJSON(): BinnerJSON {
    return { edges: this.edges.map((e) => Array.from(e)), isCat: this.isCat, nBins: this.nBins };
  }

  transform(fm: FeatureMatrix): BinnedMatrix {
    const F = fm.cols.length,
      n = fm.n;
    const codes = new Uint8Array(n * F);
    for (let f = 0; f < F; f++) {
      const col = fm.cols[f];
      if (this.isCat[f]) {
        const nc = this.nBins[f];
        for (let i = 0; i < n; i++) {
          const v = col[i];
          codes[i * F + f] = Number.isNaN(v) || v >= nc ? nc : v;
        }
        continue;
      }
      const e = this.edges[f];
      const m = e.length;
      const table = integerCodes(col, e);
      if (table) {
        const { lo, code } = table;
        for (let i = 0; i < n; i++) {
          const v = col[i];
          codes[i * F + f] = Number.isNaN(v) ? m + 1 : code[v - lo];
        }
        continue;
      }
      for (let i = 0; i < n; i++) {
        const v = col[i];
        if (Number.isNaN(v)) {
          codes[i * F + f] = m + 1;
          continue;
        }
        let lo = 0,
          hi = m;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (v <= e[mid]) hi = mid;
          else lo = mid + 1;
        }
        codes[i * F + f] = lo;
      }
    }
    return { codes, n, nFeatures: F };
  }
}

function quantileEdges(col: Float64Array): Float64Array {
  const step = Math.max(1, Math.floor(col.length / SAMPLE));
  const buf = new Float64Array(Math.ceil(col.length / step));
  let m = 0;
  for (let i = 0; i < col.length; i += step) if (!Number.isNaN(col[i])) buf[m++] = col[i];
  const { distinct, counts, nd } = distinctCounts(buf.subarray(0, m));
  if (nd <= 1) return new Float64Array(0);
  if (nd <= MAX_BINS) {
    const e = new Float64Array(nd - 1);
    for (let i = 0; i + 1 < nd; i++) e[i] = (distinct[i] + distinct[i + 1]) / 2;
    return e;
  }
  // Equal-frequency cut points, snapped between distinct values so heavy ties stay in one bin.
  const out: number[] = [];
  const per = m / MAX_BINS;
  let cum = 0,
    next = per;
  for (let i = 0; i + 1 < nd; i++) {
    cum += counts[i];
    if (cum >= next) {
      out.push((distinct[i] + distinct[i + 1]) / 2);
      while (next <= cum) next += per;
    }
  }
  return Float64Array.from(out.slice(0, MAX_BINS - 1));
}

/** Ascending distinct values with their counts: by counting when the values are integers in a short range, else by sorting. */
function distinctCounts(vals: Float64Array): { distinct: Float64Array; counts: Int32Array; nd: number } {
  const m = vals.length;
  let lo = Infinity,
    hi = -Infinity,
    integral = true;
  for (let i = 0; i < m; i++) {
    const v = vals[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (integral && v !== Math.floor(v)) integral = false;
  }
  if (m > 0 && integral && hi - lo <= Math.max(4 * m, 1 << 16)) {
    const tally = new Int32Array(hi - lo + 1);
    for (let i = 0; i < m; i++) tally[vals[i] - lo]++;
    let nd = 0;
    for (let v = 0; v < tally.length; v++) if (tally[v]) nd++;
    const distinct = new Float64Array(nd),
      counts = new Int32Array(nd);
    for (let v = 0, j = 0; v < tally.length; v++)
      if (tally[v]) {
        distinct[j] = lo + v;
        counts[j++] = tally[v];
      }
    return { distinct, counts, nd };
  }
  const sorted = Float64Array.from(vals).sort();
  const distinct = new Float64Array(m);
  const counts = new Int32Array(m);
  let nd = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) {
      distinct[nd] = sorted[i];
      counts[nd++] = 1;
    } else counts[nd - 1]++;
  }
  return { distinct, counts, nd };
}

/**
 * For a column of integers in a short range, the code of every value in it (lo + i has code[i]): a table
 * lookup per row instead of a binary search. Null when the column has fractions or a wide range.
 */
function integerCodes(col: Float64Array, edges: Float64Array): { lo: number; code: Uint8Array } | null {
  let lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (Number.isNaN(v)) continue;
    if (v !== Math.floor(v)) return null;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi >= lo) || hi - lo > Math.max(2 * col.length, 1 << 12)) return null;
  const code = new Uint8Array(hi - lo + 1);
  for (let v = lo, b = 0; v <= hi; v++) {
    while (b < edges.length && v > edges[b]) b++;
    code[v - lo] = b;
  }
  return { lo, code };
}
