/**
 * Histogram building shared with helper threads: a model trained on several threads is the one
 * trained on one, number for number (binary, regression and multiclass, with row sampling), the
 * helpers really build parts of histograms and step the margins, and they exit by themselves once fits stop.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { BinnedMatrix } from '../../../kernel/automl/binner';
import { fitGbdt, GBDT_DEFAULTS, gbdtMargins, gbdtToJSON, type GbdtData } from '../../../kernel/automl/gbdt';
import { closeGrowThreads, growThreads } from '../../../kernel/automl/growThreads';
import type { Objective } from '../../../kernel/automl/objective';
import { Rng } from '../../../kernel/automl/rng';

/** Rows large enough for shared building; features of 2 to 200 codes (small ones share bundles), one categorical. */
function dataset(n: number, obj: Objective): GbdtData {
  const rng = new Rng(5);
  const nBins = [2, 3, 5, 9, 17, 60, 200, 7];
  const isCat = [false, false, true, false, false, false, false, false];
  const F = nBins.length;
  const codes = new Uint8Array(n * F);
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    for (let f = 0; f < F; f++) codes[r * F + f] = rng.next() < 0.03 ? nBins[f] : rng.int(nBins[f]);
    const c = (f: number) => codes[r * F + f];
    const s = (c(2) === 3 ? 1 : 0) + c(6) / 100 - (c(5) % 7) / 7 + (c(0) === 1 ? 0.5 : 0) + 0.8 * (rng.next() - 0.5);
    y[r] = obj === 'regression' ? s : obj === 'binary' ? (s > 0.6 ? 1 : 0) : s < 0.2 ? 0 : s < 1 ? 1 : 2;
  }
  const X: BinnedMatrix = { codes, n, nFeatures: F };
  return { X, nBins, isCat, y, w: null };
}

function fit(d: GbdtData, obj: Objective, threads: number, subsample: number) {
  const train = Uint32Array.from({ length: d.X.n - 2000 }, (_, i) => i + 2000);
  const valid = Uint32Array.from({ length: 2000 }, (_, i) => i);
  const p = { ...GBDT_DEFAULTS, maxRounds: 25, subsample, threads };
  return fitGbdt(d, train, valid, obj, obj === 'multiclass' ? 3 : 2, p, Infinity, 3).model;
}

describe('GBDT histograms on helper threads', () => {
  afterAll(() => closeGrowThreads());

  for (const [obj, subsample] of [
    ['binary', 1],
    ['regression', 0.8],
    ['multiclass', 1],
  ] as const)
    it(`trains the same ${obj} model on one, two and three threads`, () => {
      const d = dataset(24_000, obj);
      const one = fit(d, obj, 1, subsample);
      for (const threads of [2, 3]) {
        const many = fit(d, obj, threads, subsample);
        expect(gbdtToJSON(many)).toEqual(gbdtToJSON(one));
        expect(gbdtMargins(many, d.X, null)).toEqual(gbdtMargins(one, d.X, null));
      }
      // The trees are real: more than a root per tree.
      expect(one.trees.every((t) => t.feature.length > 1)).toBe(true);
    });

  it('has its helpers build parts of the histograms, and the model stays the same', () => {
    const d = dataset(24_000, 'binary');
    const one = gbdtToJSON(fit(d, 'binary', 1, 1));
    const helpers = growThreads(2)!;
    const before = helpers.helperBlocks;
    // A helper joins a histogram only when it wakes before the calling thread has taken every block,
    // which a machine busy with other work may delay for a whole fit: a few fits give it the chance.
    for (let i = 0; i < 8 && helpers.helperBlocks === before; i++) expect(gbdtToJSON(fit(d, 'binary', 2, 1))).toEqual(one);
    expect(helpers.helperBlocks).toBeGreaterThan(before);
    // Each tree's step of the margins and gradients went through the helpers too (one output, no sampling).
    expect(helpers.steps).toBeGreaterThan(0);
  });

  it('lets its helper threads exit by themselves after the last fit', async () => {
    const d = dataset(20_000, 'binary');
    fit(d, 'binary', 2, 1);
    const helpers = growThreads(2)!;
    expect(helpers.sharedBuilds).toBeGreaterThan(0);
    // No close(): the idle timer ends them (an unref'd timer, so it never holds the process open either).
    await helpers.exited;
    // A later fit starts new helpers and still trains the one-thread model.
    expect(gbdtToJSON(fit(d, 'binary', 2, 1))).toEqual(gbdtToJSON(fit(d, 'binary', 1, 1)));
  }, 20_000);
});
