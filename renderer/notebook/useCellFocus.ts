/**
 * In command mode the selected cell itself holds the keyboard focus, so that a screen reader says
 * which cell is selected (the cell's label) after Esc, an arrow, a move, an insert or a delete.
 * Focus is only taken from nowhere (the page body), from another cell or from a cell's editor:
 * never from a dialog, the find bar, a panel, a grid or a field the user went to.
 */
import { useEffect, type RefObject } from 'react';
import type { Cell } from '../../kernel/protocol/notebook';
import type { Mode } from './keymap';

function mayTakeFocus(box: HTMLElement, now: Element | null): boolean {
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
  useEffect(() => {
    const cellsBox = box.current;
    if (!active || mode !== 'command' || !selectedId || !cellsBox) return;
    const cell = cellsBox.querySelector<HTMLElement>(`[data-cell-id="${CSS.escape(selectedId)}"]`);
    if (!cell || document.activeElement === cell || !mayTakeFocus(cellsBox, document.activeElement)) return;
    // The selection was already scrolled into view (nearest edge); focus must not scroll it again.
    cell.focus({ preventScroll: true });
  }, [active, mode, selectedId, cells]);
}
