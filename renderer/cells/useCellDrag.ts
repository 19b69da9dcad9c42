/**
 * Reordering cells by their drag handle, with pointer events (so the same code serves mouse, pen
 * and touch, and the page's text is never selected). While dragging, a line shows where the cell
 * will land; Esc cancels; near the top or bottom of the notebook it scrolls.
 */
import { useCallback, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import { dropIndex } from './dropIndex';

/** Half the gap between cells: the line is drawn in the middle of the gap. */
const HALF_GAP = 5;
const SCROLL_EDGE = 48;
const SCROLL_STEP = 18;

export function useCellDrag(container: RefObject<HTMLElement | null>, onDrop: (id: string, index: number) => void) {
  const [indicator, setIndicator] = useState<number | null>(null);
  const drop = useRef(onDrop);
  drop.current = onDrop;

  const start = useCallback(
    (id: string, e: ReactPointerEvent<HTMLElement>) => {
      const box = container.current;
      if (e.button !== 0 || !box) return;
      e.preventDefault();
      e.currentTarget.setPointerCapture?.(e.pointerId);
      const cellEls = () => [...box.querySelectorAll<HTMLElement>(':scope > [data-testid="cell"]')];
      const dragged = cellEls().find((el) => el.dataset.cellId === id);
      dragged?.setAttribute('data-dragging', '');
      document.body.classList.add('cell-dragging');
      const scroller = box.closest('.notebook');
      let index: number | null = null;

      const move = (ev: PointerEvent) => {
        const rects = cellEls().map((el) => el.getBoundingClientRect());
        if (rects.length === 0) return;
        index = dropIndex(
          rects.map((r) => (r.top + r.bottom) / 2),
          ev.clientY,
        );
        const base = box.getBoundingClientRect().top;
        setIndicator(index < rects.length ? rects[index].top - base - HALF_GAP : rects[rects.length - 1].bottom - base + HALF_GAP);
        const view = scroller?.getBoundingClientRect();
        if (view && ev.clientY < view.top + SCROLL_EDGE) scroller!.scrollBy(0, -SCROLL_STEP);
        else if (view && ev.clientY > view.bottom - SCROLL_EDGE) scroller!.scrollBy(0, SCROLL_STEP);
      };
      const finish = (commit: boolean) => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        window.removeEventListener('pointercancel', cancel);
        window.removeEventListener('keydown', key, true);
        dragged?.removeAttribute('data-dragging');
        document.body.classList.remove('cell-dragging');
        setIndicator(null);
        if (commit && index !== null) drop.current(id, index);
      };
      const up = () => finish(true);
      const cancel = () => finish(false);
      const key = (ev: KeyboardEvent) => {
        if (ev.key !== 'Escape') return;
        ev.preventDefault();
        ev.stopPropagation();
        finish(false);
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
      window.addEventListener('pointercancel', cancel);
      window.addEventListener('keydown', key, true);
    },
    [container],
  );

  return { start, indicator };
}
