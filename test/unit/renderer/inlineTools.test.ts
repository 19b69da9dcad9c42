/** Which of a grid's tools stay inline (inlineTools.ts, used by OverflowTools): the least used fold first, leaving room for "More ▾". */
import { describe, expect, it } from 'vitest';
import { inlineTools } from '../../../renderer/outputs/grid/inlineTools';

describe('inlineTools', () => {
  const widths = [80, 120, 50, 90];
  const ranks = [70, 40, 90, 80];

  it('keeps every tool when all fit', () => {
    expect(inlineTools(widths, ranks, 56, 352)).toEqual([true, true, true, true]); // 340 + 3 gaps
  });

  it('folds the lowest rank first, then the next, keeping room for More', () => {
    // Without the rank-40 tool: 80+4+50+4+90 = 228, +4+56 = 288.
    expect(inlineTools(widths, ranks, 56, 351)).toEqual([true, false, true, true]);
    expect(inlineTools(widths, ranks, 56, 288)).toEqual([true, false, true, true]);
    // Then rank 70: 50+4+90 = 144, +60 = 204.
    expect(inlineTools(widths, ranks, 56, 287)).toEqual([false, false, true, true]);
    expect(inlineTools(widths, ranks, 56, 204)).toEqual([false, false, true, true]);
    expect(inlineTools(widths, ranks, 56, 110)).toEqual([false, false, true, false]);
    expect(inlineTools(widths, ranks, 56, 60)).toEqual([false, false, false, false]);
  });

  it('folds the later of two equal ranks first', () => {
    expect(inlineTools([50, 50], [1, 1], 20, 80)).toEqual([true, false]);
  });
});
