/**
 * Feeds page key presses to the keymap. Listens in the capture phase so that run/escape chords win
 * over CodeMirror's own bindings; the mode comes from where focus actually is.
 */
import { useEffect, useRef } from 'react';
import { keymap, type Action } from './keymap';

/** A two-key chord ("D D") must be completed within this time. */
const CHORD_MS = 1200;

export function useKeyboard(onAction: (a: Action) => void, enabled: boolean): void {
  const handler = useRef(onAction);
  handler.current = onAction;
  const pending = useRef<{ key: string; at: number } | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const listener = (e: KeyboardEvent) => {
      if (e.isComposing || e.defaultPrevented) return;
      const target = e.target instanceof Element ? e.target : null;
      const inEditor = Boolean(target?.closest('.cm-editor'));
      const inField = Boolean(target?.closest('input, textarea, select, [contenteditable="true"]')) && !inEditor;
      // Dialogs and side panels (marked data-own-keys) keep Enter, Space and arrows for their own controls.
      if (target?.closest('[role="dialog"], [data-own-keys]')) return;
      // Esc first closes the editor's completion list, as in JupyterLab.
      if (e.key === 'Escape' && inEditor && target?.closest('.cm-editor')?.querySelector('.cm-tooltip-autocomplete')) return;
      const chord = pending.current && Date.now() - pending.current.at < CHORD_MS ? pending.current.key : null;
      const action = keymap(e, { mode: inEditor || inField ? 'edit' : 'command', pendingKey: chord });
      pending.current = action?.type === 'arm' ? { key: action.key, at: Date.now() } : null;
      if (!action) return;
      e.preventDefault();
      e.stopPropagation();
      if (inField && action.type === 'enter-command') (target as HTMLElement).blur();
      handler.current(action);
    };
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, [enabled]);
}
