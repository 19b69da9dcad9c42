/**
 * Jupyter's keyboard model as a pure function: a key press and the UI state in, an action out. The
 * caller prevents the browser default (and CodeMirror) exactly when an action comes back.
 */

export type Mode = 'command' | 'edit';

export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export interface KeymapState {
  mode: Mode;
  /** The previous command-mode key when it started a two-key chord ("D D"), else null. */
  pendingKey: string | null;
}

export type Action =
  | { type: 'run'; then: 'select-next' | 'stay' | 'insert-below' }
  | { type: 'enter-edit' }
  | { type: 'enter-command' }
  | { type: 'insert'; where: 'above' | 'below' }
  | { type: 'arm'; key: string }
  | { type: 'delete' }
  | { type: 'undo-delete' }
  | { type: 'set-type'; cellType: 'code' | 'markdown' }
  | { type: 'toggle-language' }
  | { type: 'select'; delta: -1 | 1 }
  | { type: 'save' }
  | { type: 'help' };

export function keymap(e: KeyInput, state: KeymapState): Action | null {
  const mod = e.ctrlKey || e.metaKey;
  if (e.key === 'Enter') {
    if (e.shiftKey && !mod && !e.altKey) return { type: 'run', then: 'select-next' };
    if (mod && !e.shiftKey && !e.altKey) return { type: 'run', then: 'stay' };
    if (e.altKey && !e.shiftKey && !mod) return { type: 'run', then: 'insert-below' };
  }
  if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's') return { type: 'save' };
  if (state.mode === 'edit') return e.key === 'Escape' ? { type: 'enter-command' } : null;

  if (mod || e.altKey) return null;
  if (e.key === 'Enter' && !e.shiftKey) return { type: 'enter-edit' };
  if (e.key === 'ArrowUp') return { type: 'select', delta: -1 };
  if (e.key === 'ArrowDown') return { type: 'select', delta: 1 };
  if (e.shiftKey) return null;
  switch (e.key.toLowerCase()) {
    case 'a':
      return { type: 'insert', where: 'above' };
    case 'b':
      return { type: 'insert', where: 'below' };
    case 'd':
      return state.pendingKey === 'd' ? { type: 'delete' } : { type: 'arm', key: 'd' };
    case 'z':
      return { type: 'undo-delete' };
    case 'm':
      return { type: 'set-type', cellType: 'markdown' };
    case 'y':
      return { type: 'set-type', cellType: 'code' };
    case 'l':
      return { type: 'toggle-language' };
    case 'k':
      return { type: 'select', delta: -1 };
    case 'j':
      return { type: 'select', delta: 1 };
    case 'h':
      return { type: 'help' };
    default:
      return null;
  }
}

/** What the shortcuts help (H) lists, in the same words as the keymap above. */
export const SHORTCUTS: [keys: string, what: string][] = [
  ['Shift+Enter', 'Run cell, select next (adds a cell at the end)'],
  ['Ctrl/⌘+Enter', 'Run cell, stay'],
  ['Alt+Enter', 'Run cell, insert below'],
  ['Enter', 'Edit the selected cell'],
  ['Esc', 'Command mode'],
  ['A / B', 'Insert cell above / below'],
  ['D D', 'Delete cell'],
  ['Z', 'Undo cell deletion'],
  ['M / Y', 'Markdown / code cell'],
  ['L', 'Toggle SQL / TypeScript'],
  ['↑ ↓ / K J', 'Select previous / next cell'],
  ['Ctrl/⌘+S', 'Save'],
  ['Ctrl/⌘+Shift+E', 'Export as HTML, PDF, Markdown or ipynb'],
  ['H', 'This help'],
];
