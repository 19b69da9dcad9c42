/**
 * In command mode the selected cell itself holds the keyboard focus, so that a screen reader says
 * which cell is selected (the cell's label) after Esc, an arrow, a move, an insert or a delete.
 * Focus is only taken from nowhere (the page body), from another cell or from a cell's editor:
 * never while a dialog is open, nor from the find bar, a panel, a grid or a field the user went to.
 */
import { useEffect, useRef, type RefObject } from 'react';
import type { Cell } from '../../kernel/protocol/notebook';
import type { Mode } from './keymap';

function mayTakeFocus(box: HTMLElement, now: Element | null): boolean {
  // A modal dialog (some open from a cell's output) keeps the keys, even when its focus dropped.
  if (document.querySelector('[role="dialog"][aria-modal="true"]')) return false;
  if (!now || now === document.body) return true;
  if (!box.contains(now)) return false;
  return now.matches('[data-testid="cell"]') || Boolean(now.closest('.cm-editor'));
}

export function useCellFocus(
  box: RefObject<HTMLElement | null>,
  selectedId: string | null,
  mode: Mode,
  cells: readonly Cell[],
  active: boolean,
): void {
  const focusSelected = useRef(() => {});
  focusSelected.current = () => {
    const cellsBox = box.current;
    if (!active || mode !== 'command' || !selectedId || !cellsBox) return;
    const cell = cellsBox.querySelector<HTMLElement>(`[data-cell-id="${CSS.escape(selectedId)}"]`);
    if (!cell || document.activeElement === cell || !mayTakeFocus(cellsBox, document.activeElement)) return;
    // The selection was already scrolled into view (nearest edge); focus must not scroll it again.
    cell.focus({ preventScroll: true });
  };

  useEffect(() => focusSelected.current(), [active, mode, selectedId, cells]);

  // Focus dropped inside the cells without a change of selection (Esc out of a cell's name field, a
  // focused button or grid that went away) comes back to the selected cell, not to the page body.
  useEffect(() => {
    const cellsBox = box.current;
    if (!cellsBox) return;
    const dropped = (e: FocusEvent) => {
      if (e.relatedTarget === null) setTimeout(() => focusSelected.current(), 0);
    };
    cellsBox.addEventListener('focusout', dropped);
    return () => cellsBox.removeEventListener('focusout', dropped);
  }, []);
}
