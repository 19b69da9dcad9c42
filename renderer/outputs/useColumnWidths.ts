/** Column widths for the grid, resizable by dragging the header edge. */
import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';
import type { ColumnInfo } from '../../kernel/protocol/notebook';
import { isNumericType } from '../../common/columnKind';

const MIN_WIDTH = 48;
/** A header's padding, its filter button and gaps: what the name does not get of the column's width. */
const HEADER_CHROME = 40;

/**
 * The width a column opens at: enough for its name in the header's bold font (measured, so
 * `amount_eur_sum` is not cut to `amount_eur_s…`) and its type, within 320 px.
 */
export function initialWidth(col: ColumnInfo, nameWidth: (name: string) => number = headerTextWidth): number {
  const base = isNumericType(col.type) ? 110 : 160;
  const wanted = Math.max(Math.ceil(nameWidth(col.name)) + HEADER_CHROME, col.type.length * 8 + 28);
  return Math.max(base, Math.min(320, wanted));
}

let measure: CanvasRenderingContext2D | null | undefined;

/** The name's width in the header's font (600 13px, the app's sans), or an upper estimate without a canvas. */
function headerTextWidth(name: string): number {
  if (measure === undefined) {
    measure = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    const family = measure && getComputedStyle(document.documentElement).getPropertyValue('--sans').trim();
    if (measure) measure.font = `600 13px ${family || 'sans-serif'}`;
  }
  return measure ? measure.measureText(name).width : name.length * 9;
}

/**
 * A re-run (by hand or because a live table changed) brings new column objects; a column with the
 * same name and type keeps the width the user dragged it to.
 */
export function useColumnWidths(columns: ColumnInfo[]) {
  const [widths, setWidths] = useState(() => columns.map((c) => initialWidth(c)));
  const shown = useRef(columns);
  useEffect(() => {
    const before = new Map(shown.current.map((c, i) => [`${c.name}\u0000${c.type}`, i]));
    shown.current = columns;
    setWidths((old) => columns.map((c) => old[before.get(`${c.name}\u0000${c.type}`) ?? -1] ?? initialWidth(c)));
  }, [columns]);
  const current = useRef(widths);
  current.current = widths;

  const startResize = useCallback((index: number, e: PointerEvent<HTMLElement>) => {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const startWidth = current.current[index];
    const move = (ev: globalThis.PointerEvent) => {
      const width = Math.max(MIN_WIDTH, startWidth + ev.clientX - startX);
      setWidths((w) => w.map((x, i) => (i === index ? width : x)));
    };
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  }, []);

  return { widths, startResize };
}
