/**
 * The fast grower against brute force: on data big enough to take the bundled (joint histogram),
 * subtraction and skip-the-last-partition paths, every number a tree holds is recomputed here
 * straight from the rows, with none of the grower's machinery.
 */
import { describe, expect, it } from 'vitest';
import { Binner } from '../../../kernel/automl/binner';
import { bundleFeatures } from '../../../kernel/automl/featureBundles';
import { growMatrix } from '../../../kernel/automl/growMatrix';
import { growTree, type GrowParams } from '../../../kernel/automl/growTree';
import { Rng } from '../../../kernel/automl/rng';
import { leafOf } from '../../../kernel/automl/tree';
import type { BinnedMatrix } from '../../../kernel/automl/binner';
import type { FeatureMatrix } from '../../../kernel/automl/preprocessor';

/** Features of 3, 5, 7, 40 and 200 codes (the last code of each is "missing"), gradients tied to four of them. */
function dataset(n: number, seed: number) {
  const rng = new Rng(seed);
  const nBins = [2, 4, 6, 39, 199];
  const F = nBins.length;
  const codes = new Uint8Array(n * F);
  const g = new Float32Array(n),
    h = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    for (let f = 0; f < F; f++) codes[r * F + f] = rng.next() < 0.05 ? nBins[f] : rng.int(nBins[f]);
    const c = (f: number) => codes[r * F + f];
    const signal = (c(1) === 2 ? 1 : 0) + (c(4) > 120 ? 0.7 : 0) + (c(4) - 100) / 150 + (c(3) % 5) / 5 + (c(0) === 1 ? 0.4 : 0);
    g[r] = signal - 0.5 + 0.3 * (rng.next() - 0.5);
    h[r] = 0.2 + rng.next();
  }
  const X: BinnedMatrix = { codes, n, nFeatures: F };
  return { X, nBins, isCat: [false, true, false, false, false], g, h };
}

const params: GrowParams = {
  maxDepth: 5,
  maxLeaves: 32,
  minChildWeight: 1,
  lambda: 1,
  minSplitGain: 0,
  featureFractionNode: 1,
  extra: false,
  order: 'best',
  catSmooth: 10,
};

/** Best numeric split gain of the rows, by scanning every feature and threshold over the raw rows. */
function bruteBestGain(X: BinnedMatrix, nBins: number[], g: Float32Array, h: Float32Array, rows: number[], lambda: number): number {
  const F = X.nFeatures;
  const score = (G: number, H: number) => (G * G) / (H + lambda);
  let G = 0,
    H = 0;
  for (const r of rows) {
    G += g[r];
    H += h[r];
  }
  let best = 0;
  for (let f = 0; f < F; f++)
    for (let b = 0; b < nBins[f]; b++)
      for (const missLeft of [false, true]) {
        let gl = 0,
          hl = 0;
        for (const r of rows) {
          const c = X.codes[r * F + f];
          if (c === nBins[f] ? missLeft : c <= b) {
            gl += g[r];
            hl += h[r];
          }
        }
        if (hl >= 1 && H - hl >= 1) best = Math.max(best, score(gl, hl) + score(G - gl, H - hl) - score(G, H));
      }
  return best;
}

describe('histogram tree grower', () => {
  it('packs features into bundles within the slot limit, each feature exactly once', () => {
    const slots = [75, 9, 255, 17, 17, 8, 15, 7, 6, 3, 123, 98, 96, 42];
    const bundles = bundleFeatures(slots, 256);
    const seen = bundles.flatMap((b) => b.features).sort((a, b) => a - b);
    expect(seen).toEqual(slots.map((_, f) => f));
    for (const b of bundles) {
      expect(b.size).toBe(b.features.reduce((p, f) => p * slots[f], 1));
      if (b.features.length > 1) expect(b.size).toBeLessThanOrEqual(256);
    }
    expect(bundles.length).toBeLessThan(slots.length);
  });

  it('gives every row a joint code that decodes to its own feature codes', () => {
    const { X, nBins } = dataset(500, 3);
    const gm = growMatrix(X, nBins);
    expect(gm.nBundles).toBeLessThan(X.nFeatures);
    const F = X.nFeatures,
      slots = gm.off[F];
    for (let r = 0; r < X.n; r++) {
      // The feature slots a row's joint codes fold into are exactly the slots of its codes.
      const folded: number[] = [];
      for (let b = 0; b < gm.nBundles; b++) {
        const j = gm.joint[r * gm.nBundles + b];
        if (j < slots) folded.push(j);
        else for (let e = 0; e < gm.foldFrom.length; e++) if (gm.foldFrom[e] === j) folded.push(gm.foldTo[e]);
      }
      const own = Array.from({ length: F }, (_, f) => gm.off[f] + X.codes[r * F + f]);
      expect(folded.sort((a, b) => a - b)).toEqual(own);
    }
  });

  it('grows leaves whose values, covers and row assignments match sums over their rows', () => {
    const d = dataset(6000, 7);
    const rows = Uint32Array.from({ length: d.X.n }, (_, i) => i);
    const leafOfRow = new Int32Array(d.X.n).fill(-1);
    const tree = growTree({ ...d, K: 1, rows, features: [0, 1, 2, 3, 4], leafOfRow }, params, new Rng(1));
    const leaves = new Map<number, { G: number; H: number }>();
    for (let r = 0; r < d.X.n; r++) {
      const leaf = leafOf(tree, d.X.codes, r * d.X.nFeatures);
      expect(leafOfRow[r]).toBe(leaf);
      const s = leaves.get(leaf) ?? { G: 0, H: 0 };
      s.G += d.g[r];
      s.H += d.h[r];
      leaves.set(leaf, s);
    }
    expect(leaves.size).toBeGreaterThanOrEqual(16);
    for (const [leaf, s] of leaves) {
      expect(tree.cover[leaf]).toBeCloseTo(s.H, 6);
      expect(tree.value[leaf]).toBeCloseTo(-s.G / (s.H + params.lambda), 6);
    }
    // The planted signal is found: the root splits on one of the two features that drive g.
    expect([1, 4]).toContain(tree.feature[0]);
  });

  it('splits the root at the best gain an exhaustive search over the rows finds', () => {
    const d = dataset(3000, 11);
    d.isCat = d.isCat.map(() => false); // the brute force scans thresholds only
    const rows = Uint32Array.from({ length: d.X.n }, (_, i) => i);
    const tree = growTree({ ...d, K: 1, rows, features: [0, 1, 2, 3, 4] }, { ...params, maxDepth: 1 }, new Rng(1));
    const all = Array.from({ length: d.X.n }, (_, i) => i);
    const l = tree.left[0],
      r = tree.right[0];
    const score = (G: number, H: number) => (G * G) / (H + params.lambda);
    const gl = -tree.value[l] * (tree.cover[l] + 1),
      gr = -tree.value[r] * (tree.cover[r] + 1);
    const gain = score(gl, tree.cover[l]) + score(gr, tree.cover[r]) - score(gl + gr, tree.cover[l] + tree.cover[r]);
    expect(gain).toBeCloseTo(bruteBestGain(d.X, d.nBins, d.g, d.h, all, params.lambda), 4);
  });

  it('bins integer columns by lookup exactly as by comparing with the edges', () => {
    const rng = new Rng(5);
    const ints = Float64Array.from({ length: 3000 }, () => (rng.next() < 0.03 ? NaN : Math.floor(rng.next() * 900) - 300));
    const fm: FeatureMatrix = { cols: [ints], isCat: [false], nCats: [0], n: ints.length, names: ['x'] };
    const binner = Binner.fit(fm);
    const e = binner.edges[0];
    expect(e.length).toBe(253);
    const codes = binner.transform(fm).codes;
    for (let i = 0; i < ints.length; i++) {
      const v = ints[i];
      const expected = Number.isNaN(v) ? e.length + 1 : e.findIndex((x) => v <= x) === -1 ? e.length : e.findIndex((x) => v <= x);
      expect(codes[i]).toBe(expected);
    }
  });
});
