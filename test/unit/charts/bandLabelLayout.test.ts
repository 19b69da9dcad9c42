import { describe, expect, it } from 'vitest';
import { bandLabelLayout, CHAR_PX, MAX_LABEL_PX } from '../../../kernel/charts/bandLabelLayout';

describe('bandLabelLayout', () => {
  it('keeps short labels level when each fits its band', () => {
    expect(bandLabelLayout(['north', 'south', 'east', 'west'], 600)).toEqual({ rotate: 0 });
  });

  it('counts each category once: repeated values do not narrow the bands', () => {
    const labels = Array.from({ length: 400 }, (_, i) => ['north', 'south'][i % 2]);
    expect(bandLabelLayout(labels, 600).rotate).toBe(0);
  });

  it('slants labels that are wider than their band, and makes room below for them', () => {
    // 12 bands of 50 px; "Electronics & Computers" is about 140 px wide.
    const labels = ['Electronics & Computers', 'Garden', 'Toys', 'Books', 'Music', 'Sport', 'Home', 'Food', 'Pets', 'Baby', 'Auto', 'Art'];
    const layout = bandLabelLayout(labels, 600);
    expect(layout.rotate).toBe(-45);
    // Cut at 120 px, slanted: about (120 + 11) · 0.71 ≈ 93 px of drop, more than Plot's 30 px default.
    expect(layout.marginBottom).toBeGreaterThan(93);
    expect(layout.labelOffset).toBeLessThan(layout.marginBottom!);
    expect(layout.lineWidth).toBe(MAX_LABEL_PX / 10);
    // The first label reaches about 85 px left of its tick, which sits 25 px into the plot.
    expect(layout.marginLeft).toBeGreaterThanOrEqual(Math.ceil(MAX_LABEL_PX * Math.SQRT1_2 - 25));
  });

  it('turns labels upright when bands are too narrow for slanted text to clear its neighbour', () => {
    const labels = Array.from({ length: 60 }, (_, i) => `product ${i}`);
    const layout = bandLabelLayout(labels, 600); // 10 px bands: 7 px across a 45° slant, less than a line
    expect(layout.rotate).toBe(-90);
    const longest = 'product 10'.length * CHAR_PX;
    expect(layout.marginBottom).toBeGreaterThan(longest);
    expect(layout.lineWidth).toBeUndefined();
    // Upright labels hang straight below their ticks: nothing reaches left.
    expect(layout.marginLeft).toBeUndefined();
  });

  it('cuts only labels that are too long even when rotated', () => {
    const short = bandLabelLayout(['a fairly long name', 'another long name', 'third long name', 'x'], 120);
    expect(short.rotate).not.toBe(0);
    expect(short.lineWidth).toBeUndefined();
    const long = bandLabelLayout(['a name much longer than one hundred and twenty pixels of text', 'b'], 120);
    expect(long.lineWidth).toBe(12);
  });

  it('draws nothing special with no labels or no room', () => {
    expect(bandLabelLayout([], 600)).toEqual({ rotate: 0 });
    expect(bandLabelLayout(['a'], 0)).toEqual({ rotate: 0 });
  });
});
