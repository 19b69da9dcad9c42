/**
 * The grid's selection: an anchor cell (where it started) and a focus cell (where it ends, and where
 * the keyboard acts). The selected block is the rectangle between them. Pure, so keyboard moves and
 * range maths are tested without a browser.
 */
export interface CellPos {
  row: number;
  col: number;
}

export interface Selection {
  anchor: CellPos;
  focus: CellPos;
}

export interface Range {
  top: number;
  left: number;
  /** Inclusive. */
  bottom: number;
  right: number;
}

export function rangeOf(s: Selection): Range {
  return {
    top: Math.min(s.anchor.row, s.focus.row),
    bottom: Math.max(s.anchor.row, s.focus.row),
    left: Math.min(s.anchor.col, s.focus.col),
    right: Math.max(s.anchor.col, s.focus.col),
  };
}

export function contains(r: Range, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

export function selectAll(rows: number, cols: number): Selection {
  return { anchor: { row: 0, col: 0 }, focus: { row: Math.max(0, rows - 1), col: Math.max(0, cols - 1) } };
}

const STEPS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/**
 * The selection after a navigation key (arrows, Home/End, PageUp/PageDown, Ctrl+Home/End), or null
 * for any other key. With `extend` (Shift held) the anchor stays; otherwise the block collapses to
 * the new focus.
 */
export function moveSelection(
  s: Selection,
  key: string,
  opts: { extend: boolean; toEdge: boolean; rows: number; cols: number; pageRows: number },
): Selection | null {
  const { rows, cols } = opts;
  let { row, col } = s.focus;
  const step = STEPS[key];
  if (step) {
    if (opts.toEdge) {
      row = step[0] < 0 ? 0 : step[0] > 0 ? rows - 1 : row;
      col = step[1] < 0 ? 0 : step[1] > 0 ? cols - 1 : col;
    } else {
      row += step[0];
      col += step[1];
    }
  } else if (key === 'PageDown') row += opts.pageRows;
  else if (key === 'PageUp') row -= opts.pageRows;
  else if (key === 'Home') [row, col] = opts.toEdge ? [0, 0] : [row, 0];
  else if (key === 'End') [row, col] = opts.toEdge ? [rows - 1, cols - 1] : [row, cols - 1];
  else return null;
  const focus = { row: Math.max(0, Math.min(rows - 1, row)), col: Math.max(0, Math.min(cols - 1, col)) };
  return { anchor: opts.extend ? s.anchor : focus, focus };
}
