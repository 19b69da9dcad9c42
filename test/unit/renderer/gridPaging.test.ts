import { describe, expect, it } from 'vitest';
import { PageCache } from '../../../renderer/outputs/PageCache';
import { MAX_SCROLL_HEIGHT, contentHeight, virtualTop, visibleRows, type ScrollGeometry } from '../../../renderer/outputs/scrollMapping';

const page = (p: number, size = 200) => Array.from({ length: size }, (_, i) => [p * size + i]);

describe('page cache', () => {
  it('finds the rows of cached pages by absolute index', () => {
    const c = new PageCache(200, 4);
    c.put(3, page(3));
    expect(c.row(600)).toEqual([600]);
    expect(c.row(799)).toEqual([799]);
    expect(c.row(800)).toBeUndefined();
  });

  it('lists only the missing pages of a row range', () => {
    const c = new PageCache(200, 4);
    c.put(1, page(1));
    expect(c.missing(150, 650)).toEqual([0, 2, 3]);
    expect(c.missing(200, 400)).toEqual([]);
    expect(c.missing(10, 10)).toEqual([]);
  });

  it('holds at most its capacity, evicting the least recently used page', () => {
    const c = new PageCache(200, 3);
    c.put(0, page(0));
    c.put(1, page(1));
    c.put(2, page(2));
    c.row(5); // touch page 0
    c.put(3, page(3));
    expect(c.size).toBe(3);
    expect(c.has(1)).toBe(false);
    expect(c.has(0)).toBe(true);
    expect(c.has(3)).toBe(true);
  });
});

describe('scroll mapping', () => {
  const small: ScrollGeometry = { rowCount: 1000, rowHeight: 24, headerHeight: 40, viewportHeight: 400 };
  const huge: ScrollGeometry = { rowCount: 10_000_000, rowHeight: 24, headerHeight: 40, viewportHeight: 400 };

  it('is one to one while the table fits under the height cap', () => {
    expect(contentHeight(small)).toBe(1000 * 24 + 40);
    expect(virtualTop(2400, small)).toBe(2400);
    expect(visibleRows(2400, small, 0)).toEqual({ first: 100, end: 115, firstOffset: 0 });
  });

  it('compresses a 10M-row table under the cap and still reaches the last row', () => {
    expect(contentHeight(huge)).toBe(MAX_SCROLL_HEIGHT);
    const bottom = MAX_SCROLL_HEIGHT - huge.viewportHeight;
    const end = visibleRows(bottom, huge, 0);
    expect(end.end).toBe(10_000_000);
    expect(end.first).toBeGreaterThan(10_000_000 - 20);
    // The last row's bottom edge lines up with the bottom of the viewport.
    const lastTop = huge.headerHeight + end.firstOffset + (9_999_999 - end.first) * 24;
    expect(lastTop + 24).toBeCloseTo(huge.viewportHeight, 6);
  });

  it('maps the middle of the scrollbar to the middle of the rows', () => {
    const mid = visibleRows((MAX_SCROLL_HEIGHT - huge.viewportHeight) / 2, huge, 0);
    expect(mid.first).toBeGreaterThan(4_999_000);
    expect(mid.first).toBeLessThan(5_001_000);
  });

  it('clamps scroll positions past either end and draws nothing for an empty table', () => {
    expect(visibleRows(-50, small, 2).first).toBe(0);
    expect(visibleRows(1e9, small, 2).end).toBe(1000);
    expect(visibleRows(0, { ...small, rowCount: 0 }, 2)).toMatchObject({ first: 0, end: 0 });
  });

  it('adds overscan rows on both sides without leaving the table', () => {
    const r = visibleRows(2400, small, 3);
    expect(r.first).toBe(97);
    expect(r.end).toBe(118);
    expect(r.firstOffset).toBe(-72);
  });
});

describe('revealing a row the keyboard moved to', () => {
  it('scrolls just enough to show a row below or above the viewport, and not at all for a visible one', async () => {
    const { scrollTopToReveal } = await import('../../../renderer/outputs/scrollMapping');
    const g: ScrollGeometry = { rowCount: 1000, rowHeight: 24, headerHeight: 40, viewportHeight: 280 };
    // 240 px of rows: rows 0–9 are visible at scrollTop 0.
    expect(scrollTopToReveal(5, 0, g)).toBe(0);
    expect(scrollTopToReveal(10, 0, g)).toBe(24);
    expect(scrollTopToReveal(3, 480, g)).toBe(72);
  });

  it('maps onto the compressed scrollbar of a huge result', async () => {
    const { scrollTopToReveal } = await import('../../../renderer/outputs/scrollMapping');
    const g: ScrollGeometry = { rowCount: 10_000_000, rowHeight: 24, headerHeight: 40, viewportHeight: 280 };
    const st = scrollTopToReveal(9_999_999, 0, g);
    const shown = visibleRows(st, g, 0);
    expect(shown.end).toBe(10_000_000);
  });
});
