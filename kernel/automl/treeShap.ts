/**
 * Exact TreeSHAP (path-dependent, Lundberg et al. 2018, Algorithm 2) on our binned trees, with node
 * covers as the background distribution. Per tree: phi (one per feature) sums with the tree's expected
 * value to the leaf value the row reaches.
 */
import { goesLeft, type Tree } from './tree';

interface PathEl {
  d: number;
  z: number;
  o: number;
  w: number;
}

function extend(m: PathEl[], pz: number, po: number, pi: number): void {
  const l = m.length;
  m.push({ d: pi, z: pz, o: po, w: l === 0 ? 1 : 0 });
  for (let i = l - 1; i >= 0; i--) {
    m[i + 1].w += (po * m[i].w * (i + 1)) / (l + 1);
    m[i].w = (pz * m[i].w * (l - i)) / (l + 1);
  }
}

function unwind(m: PathEl[], i: number): void {
  const l = m.length - 1;
  let n = m[l].w;
  const { o, z } = m[i];
  for (let j = l - 1; j >= 0; j--) {
    if (o !== 0) {
      const t = m[j].w;
      m[j].w = (n * (l + 1)) / ((j + 1) * o);
      n = t - (m[j].w * z * (l - j)) / (l + 1);
    } else m[j].w = (m[j].w * (l + 1)) / (z * (l - j));
  }
  for (let j = i; j < l; j++) {
    m[j].d = m[j + 1].d;
    m[j].z = m[j + 1].z;
    m[j].o = m[j + 1].o;
  }
  m.pop();
}

function unwoundSum(m: PathEl[], i: number): number {
  const l = m.length - 1;
  const { o, z } = m[i];
  let n = m[l].w,
    total = 0;
  for (let j = l - 1; j >= 0; j--) {
    if (o !== 0) {
      const t = (n * (l + 1)) / ((j + 1) * o);
      total += t;
      n = m[j].w - (t * z * (l - j)) / (l + 1);
    } else total += (m[j].w / z) * ((l + 1) / (l - j));
  }
  return total;
}

/** Adds scale * SHAP values of output k for the row at codes[base..] into phi (length nFeatures). */
export function treeShapRow(t: Tree, codes: Uint8Array, base: number, k: number, scale: number, phi: Float64Array): void {
  const recurse = (j: number, parent: PathEl[], pz: number, po: number, pi: number) => {
    const m = parent.map((e) => ({ ...e }));
    extend(m, pz, po, pi);
    const f = t.feature[j];
    if (f < 0) {
      const v = t.value[j * t.K + k] * scale;
      for (let i = 1; i < m.length; i++) phi[m[i].d] += unwoundSum(m, i) * (m[i].o - m[i].z) * v;
      return;
    }
    const left = goesLeft(t, j, codes[base + f]);
    const hot = left ? t.left[j] : t.right[j],
      cold = left ? t.right[j] : t.left[j];
    let iz = 1,
      io = 1;
    const found = m.findIndex((e, idx) => idx > 0 && e.d === f);
    if (found > 0) {
      iz = m[found].z;
      io = m[found].o;
      unwind(m, found);
    }
    const r = t.cover[j] || 1;
    recurse(hot, m, (iz * t.cover[hot]) / r, io, f);
    recurse(cold, m, (iz * t.cover[cold]) / r, 0, f);
  };
  recurse(0, [], 1, 1, -1);
}

/** Cover-weighted mean leaf value of output k: what the tree predicts knowing nothing. */
export function treeExpectedValue(t: Tree, k: number): number {
  const ev = (j: number): number => {
    if (t.feature[j] < 0) return t.value[j * t.K + k];
    const l = t.left[j],
      r = t.right[j];
    const cl = t.cover[l],
      cr = t.cover[r];
    return cl + cr > 0 ? (cl * ev(l) + cr * ev(r)) / (cl + cr) : 0;
  };
  return ev(0);
}
