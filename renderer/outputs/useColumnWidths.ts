/** Column widths for the grid, resizable by dragging the header edge. */
import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';
import type { ColumnInfo } from '../../kernel/protocol/notebook';
import { isNumericType } from '../../common/columnKind';

const MIN_WIDTH = 48;

function initialWidth(col: ColumnInfo): number {
  const base = isNumericType(col.type) ? 110 : 160;
  return Math.max(base, Math.min(320, Math.max(col.name.length, col.type.length) * 8 + 28));
}

/**
 * A re-run (by hand or because a live table changed) brings new column objects; a column with the
 * same name and type keeps the width the user dragged it to.
 */
export function useColumnWidths(columns: ColumnInfo[]) {
  const [widths, setWidths] = useState(() => columns.map(initialWidth));
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
