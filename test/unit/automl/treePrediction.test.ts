/**
 * Tree prediction's fast path (splits compiled to bitsets, four rows stepped together) against walking
 * the tree node by node: every row gets its own leaf's value, with numeric, categorical and missing
 * codes, listed rows or all of them, and row counts that are not a multiple of four.
 */
import { describe, expect, it } from 'vitest';
import type { BinnedMatrix } from '../../../kernel/automl/binner';
import { growTree, type GrowParams } from '../../../kernel/automl/growTree';
import { Rng } from '../../../kernel/automl/rng';
import { addTreePrediction, leafOf, type Tree } from '../../../kernel/automl/tree';

function grown(n: number) {
  const rng = new Rng(21);
  const nBins = [3, 12, 40, 250];
  const isCat = [false, true, false, false];
  const F = nBins.length;
  const codes = new Uint8Array(n * F);
  const g = new Float32Array(n),
    h = new Float32Array(n).fill(1);
  for (let r = 0; r < n; r++) {
    for (let f = 0; f < F; f++) codes[r * F + f] = rng.next() < 0.1 ? nBins[f] : rng.int(nBins[f]);
    const c = (f: number) => codes[r * F + f];
    g[r] = (c(1) % 3 === 0 ? 1 : -0.5) + (c(3) - 120) / 100 + (c(0) === 3 ? 0.7 : 0) + (c(2) % 4) / 5 + rng.next() - 0.5;
  }
  const X: BinnedMatrix = { codes, n, nFeatures: F };
  const params: GrowParams = {
    maxDepth: 7,
    maxLeaves: 64,
    minChildWeight: 1,
    lambda: 1,
    minSplitGain: 0,
    featureFractionNode: 1,
    extra: false,
    order: 'best',
    catSmooth: 5,
  };
  const rows = Uint32Array.from({ length: n }, (_, i) => i);
  const tree = growTree({ X, nBins, isCat, g, h, K: 1, rows, features: [0, 1, 2, 3] }, params, new Rng(2));
  return { X, tree };
}

/** The same tree with each split's children stored the other way round (right before left). */
function swappedChildren(t: Tree): Tree {
  const nodes = t.feature.length;
  const order = [0];
  for (let i = 0; i < order.length; i++) if (t.feature[order[i]] >= 0) order.push(t.right[order[i]], t.left[order[i]]);
  const id = new Int32Array(nodes);
  order.forEach((n, i) => (id[n] = i));
  const pick = <A extends Int32Array | Uint8Array | Float64Array>(a: A, make: (len: number) => A): A => {
    const out = make(nodes);
    order.forEach((n, i) => (out[i] = a[n]));
    return out;
  };
  return {
    ...t,
    feature: pick(t.feature, (l) => new Int32Array(l)),
    bin: pick(t.bin, (l) => new Uint8Array(l)),
    missLeft: pick(t.missLeft, (l) => new Uint8Array(l)),
    missCode: pick(t.missCode, (l) => new Uint8Array(l)),
    catOffset: pick(t.catOffset, (l) => new Int32Array(l)),
    left: Int32Array.from(order, (n) => (t.left[n] < 0 ? -1 : id[t.left[n]])),
    right: Int32Array.from(order, (n) => (t.right[n] < 0 ? -1 : id[t.right[n]])),
    value: pick(t.value, (l) => new Float64Array(l)),
    cover: pick(t.cover, (l) => new Float64Array(l)),
  };
}

function walked(t: Tree, X: BinnedMatrix, rows: number[]): number[] {
  return rows.map((r) => 0.5 + 0.3 * t.value[leafOf(t, X.codes, r * X.nFeatures)]);
}

describe('tree prediction', () => {
  const { X, tree } = grown(3001);

  it('gives every row its leaf value on the fast path, for all rows and for listed ones', () => {
    // A tree worth testing: deep, with categorical splits and missing codes sent both ways.
    expect(tree.feature.length).toBeGreaterThan(60);
    expect(Array.from(tree.catOffset).some((o) => o >= 0)).toBe(true);
    expect(new Set(Array.from(tree.missLeft).filter((_, n) => tree.feature[n] >= 0)).size).toBe(2);
    const all = Array.from({ length: X.n }, (_, i) => i);
    const out = new Float64Array(X.n).fill(0.5);
    addTreePrediction(tree, X, null, out, 1, 0, 0.3);
    expect(Array.from(out)).toEqual(walked(tree, X, all));
    const listed = [2999, 5, 17, 17, 400, 3000, 0];
    const two = new Float64Array(listed.length * 2).fill(0.5);
    addTreePrediction(tree, X, listed, two, 2, 1, 0.3);
    expect(Array.from(two).filter((_, i) => i % 2 === 1)).toEqual(walked(tree, X, listed));
    expect(Array.from(two).filter((_, i) => i % 2 === 0)).toEqual(listed.map(() => 0.5));
  });

  it('predicts a tree whose children are stored the other way round the same', () => {
    const other = swappedChildren(tree);
    const all = Array.from({ length: X.n }, (_, i) => i);
    const out = new Float64Array(X.n).fill(0.5);
    addTreePrediction(other, X, null, out, 1, 0, 0.3);
    expect(Array.from(out)).toEqual(walked(tree, X, all));
  });
});
