/**
 * Ctrl/Cmd+F (find), Ctrl/Cmd+H (replace), F3 / Shift+F3 (next, previous), in command mode and inside
 * an editor. Listens in the capture phase, before CodeMirror and the notebook keymap, and keeps the
 * browser's own find bar closed. In an editor, a one-line selection becomes the query.
 */
import { useEffect } from 'react';
import { EditorView } from '@codemirror/view';
import { requestFind } from './findEvents';

/** The selected text of the editor that has focus, when it is a non-empty single line. */
function editorSelection(target: Element | null): string | undefined {
  const dom = target?.closest<HTMLElement>('.cm-editor');
  const view = dom ? EditorView.findFromDOM(dom) : null;
  if (!view) return undefined;
  const { from, to } = view.state.selection.main;
  const text = view.state.sliceDoc(from, to);
  return text && !text.includes('\n') ? text : undefined;
}

export function useFindShortcut(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const listener = (e: KeyboardEvent) => {
      if (e.isComposing) return;
      const target = e.target instanceof Element ? e.target : null;
      // A modal dialog keeps its keys.
      if (target?.closest('[role="dialog"]')) return;
      const mod = (e.ctrlKey || e.metaKey) && !e.altKey;
      const key = e.key.toLowerCase();
      let handled = true;
      if (mod && !e.shiftKey && key === 'f') requestFind({ kind: 'find', prefill: editorSelection(target) });
      else if (mod && !e.shiftKey && key === 'h') requestFind({ kind: 'replace', prefill: editorSelection(target) });
      else if (e.key === 'F3' && !mod) requestFind({ kind: e.shiftKey ? 'previous' : 'next' });
      else handled = false;
      if (!handled) return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, [enabled]);
}
