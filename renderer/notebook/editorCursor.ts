/**
 * Where the cursor is in a cell's editor. CodeMirror keeps its selection when it loses focus, so
 * a split chosen from a menu still cuts where the person last clicked or typed.
 */
import { EditorView } from '@codemirror/view';

/** The cursor's offset in the cell's source, or null when the cell shows no editor. */
export function cursorOffset(cellId: string): number | null {
  const dom = document.querySelector(`[data-cell-id="${CSS.escape(cellId)}"] .cm-editor`);
  const view = dom instanceof HTMLElement ? EditorView.findFromDOM(dom) : null;
  return view ? view.state.selection.main.head : null;
}
