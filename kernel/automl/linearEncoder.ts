/**
 * Dense design matrix for linear models and the MLP: numeric features median-imputed with a missing
 * indicator and standardised, categories one-hot encoded (codes seen fewer than 5 times are dropped).
 */
import type { FeatureMatrix } from './preprocessor';

interface Col {
  f: number;
  kind: 'num' | 'miss' | 'onehot';
  code?: number;
  center: number;
  scale: number;
}
export interface LinearEncoderJSON {
  cols: Col[];
}

const MIN_FREQ = 5;

export class LinearEncoder {
  constructor(readonly cols: Col[]) {}

  static fit(fm: FeatureMatrix, rows: ArrayLike<number>): LinearEncoder {
    const cols: Col[] = [];
    for (let f = 0; f < fm.cols.length; f++) {
      const c = fm.cols[f];
      if (fm.isCat[f]) {
        const counts = new Array<number>(fm.nCats[f] + 1).fill(0);
        for (let i = 0; i < rows.length; i++) {
          const v = c[rows[i]];
          counts[Number.isNaN(v) ? fm.nCats[f] : v]++;
        }
        counts.forEach((k, code) => {
          if (k >= MIN_FREQ && k < rows.length) cols.push({ f, kind: 'onehot', code, center: 0, scale: 1 });
        });
        continue;
      }
      const vals: number[] = [];
      for (let i = 0; i < rows.length; i++) {
        const v = c[rows[i]];
        if (!Number.isNaN(v)) vals.push(v);
      }
      if (!vals.length) continue;
      vals.sort((a, b) => a - b);
      const median = vals[vals.length >> 1];
      let mean = 0,
        sq = 0;
      for (let i = 0; i < rows.length; i++) {
        const v = c[rows[i]];
        mean += Number.isNaN(v) ? median : v;
      }
      mean /= rows.length;
      for (let i = 0; i < rows.length; i++) {
        const v = c[rows[i]];
        sq += ((Number.isNaN(v) ? median : v) - mean) ** 2;
      }
      const sd = Math.sqrt(sq / rows.length);
      if (sd > 0) cols.push({ f, kind: 'num', code: median, center: mean, scale: sd });
      if (vals.length < rows.length) cols.push({ f, kind: 'miss', center: 0, scale: 1 });
    }
    return new LinearEncoder(cols);
  }

  static fromJSON(j: LinearEncoderJSON): LinearEncoder {
    return new LinearEncoder(j.cols);
  }

  toJSON(): LinearEncoderJSON {
    return { cols: this.cols };
  }

  get width(): number {
    return this.cols.length;
  }

  /** Row-major n x width. */
  transform(fm: FeatureMatrix): Float64Array {
    const d = this.cols.length,
      n = fm.n;
    const out = new Float64Array(n * d);
    this.cols.forEach((c, j) => {
      const src = fm.cols[c.f];
      for (let i = 0; i < n; i++) {
        const v = src[i];
        let x: number;
        if (c.kind === 'num') x = ((Number.isNaN(v) ? c.code! : v) - c.center) / c.scale;
        else if (c.kind === 'miss') x = Number.isNaN(v) ? 1 : 0;
        else x = (Number.isNaN(v) ? fm.nCats[c.f] : v) === c.code ? 1 : 0;
        // Standardised values far out in the tails would dominate the fit; clip them.
        out[i * d + j] = c.kind === 'num' ? Math.max(-10, Math.min(10, x)) : x;
      }
    });
    return out;
  }
}
