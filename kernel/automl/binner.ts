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
  const vals: number[] = [];
  for (let i = 0; i < col.length; i += step) if (!Number.isNaN(col[i])) vals.push(col[i]);
  const sorted = Float64Array.from(vals).sort();
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) {
      distinct.push(sorted[i]);
      counts.push(1);
    } else counts[counts.length - 1]++;
  }
  if (distinct.length <= 1) return new Float64Array(0);
  if (distinct.length <= MAX_BINS) {
    const e = new Float64Array(distinct.length - 1);
    for (let i = 0; i + 1 < distinct.length; i++) e[i] = (distinct[i] + distinct[i + 1]) / 2;
    return e;
  }
  // Equal-frequency cut points, snapped between distinct values so heavy ties stay in one bin.
  const out: number[] = [];
  const per = sorted.length / MAX_BINS;
  let cum = 0,
    next = per;
  for (let i = 0; i + 1 < distinct.length; i++) {
    cum += counts[i];
    if (cum >= next) {
      out.push((distinct[i] + distinct[i + 1]) / 2);
      while (next <= cum) next += per;
    }
  }
  return Float64Array.from(out.slice(0, MAX_BINS - 1));
}
