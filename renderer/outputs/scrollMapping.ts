/**
 * Maps the grid's scrollbar to row positions. Browsers cap element heights (~16M px in Chromium,
 * less elsewhere), so beyond MAX_SCROLL_HEIGHT the scrollable height is compressed and the scroll
 * position maps proportionally onto the full virtual height.
 */

/** Safely below every browser's element-height cap. */
export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface ScrollGeometry {
  rowCount: number;
  rowHeight: number;
  /** Height of the sticky header above the rows. */
  headerHeight: number;
  /** The scrolling element's clientHeight. */
  viewportHeight: number;
  maxScrollHeight?: number;
}

/** The height to give the scrolled content. */
export function contentHeight(g: ScrollGeometry): number {
  return Math.min(virtualHeight(g), g.maxScrollHeight ?? MAX_SCROLL_HEIGHT);
}

function virtualHeight(g: ScrollGeometry): number {
  return g.rowCount * g.rowHeight + g.headerHeight;
}

/** The virtual (uncompressed) offset of the top of the viewport for a real scrollTop. */
export function virtualTop(scrollTop: number, g: ScrollGeometry): number {
  const scrollRange = contentHeight(g) - g.viewportHeight;
  const virtualRange = virtualHeight(g) - g.viewportHeight;
  if (scrollRange <= 0 || virtualRange <= 0) return 0;
  const clamped = Math.max(0, Math.min(scrollTop, scrollRange));
  if (scrollRange === virtualRange) return clamped;
  return (clamped / scrollRange) * virtualRange;
}

/** Which rows to draw and where: the first row and its offset from the top of the row area. */
export interface VisibleRows {
  first: number;
  /** Exclusive. */
  end: number;
  /** Pixel position of row `first` relative to the top of the row area (≤ 0). */
  firstOffset: number;
}

export function visibleRows(scrollTop: number, g: ScrollGeometry, overscan = 2): VisibleRows {
  const top = virtualTop(scrollTop, g);
  const exactFirst = Math.floor(top / g.rowHeight);
  const first = Math.max(0, exactFirst - overscan);
  const rowsArea = Math.max(0, g.viewportHeight - g.headerHeight);
  const end = Math.min(g.rowCount, Math.ceil((top + rowsArea) / g.rowHeight) + overscan);
  return { first, end, firstOffset: first * g.rowHeight - top };
}

/**
 * The real scrollTop that brings `row` fully into view with as little movement as possible from
 * `scrollTop` (the inverse of virtualTop), or `scrollTop` itself when it is already visible.
 */
export function scrollTopToReveal(row: number, scrollTop: number, g: ScrollGeometry): number {
  const top = virtualTop(scrollTop, g);
  const rowsArea = Math.max(g.rowHeight, g.viewportHeight - g.headerHeight);
  const rowTop = row * g.rowHeight;
  let wanted: number;
  if (rowTop < top) wanted = rowTop;
  else if (rowTop + g.rowHeight > top + rowsArea) wanted = rowTop + g.rowHeight - rowsArea;
  else return scrollTop;
  const scrollRange = contentHeight(g) - g.viewportHeight;
  const virtualRange = virtualHeight(g) - g.viewportHeight;
  if (scrollRange <= 0 || virtualRange <= 0) return 0;
  return Math.max(0, Math.min(scrollRange, (wanted / virtualRange) * scrollRange));
}
