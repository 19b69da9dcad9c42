/** How many of a grid's tools stay inline (fitCount.ts, used by OverflowTools): in order, leaving room for "More ▾" when not all fit. */
import { describe, expect, it } from 'vitest';
import { fitCount } from '../../../renderer/outputs/grid/fitCount';

describe('fitCount', () => {
  const widths = [80, 120, 50, 150];
  // All four with their three 4 px gaps: 412 px.
  it('keeps every tool inline when all of them fit, with no room kept for More', () => {
    expect(fitCount(widths, 56, 412)).toBe(4);
  });
  it('otherwise keeps those that fit beside the More button', () => {
    expect(fitCount(widths, 56, 411)).toBe(3); // 80+4+120+4+50 = 258, +4+56 = 318
    expect(fitCount(widths, 56, 317)).toBe(2);
    expect(fitCount(widths, 56, 60)).toBe(0);
  });
});
