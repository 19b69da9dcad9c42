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
  /** The physical key (`Minus`), for shortcuts whose character depends on the layout. */
  code?: string;
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
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'cut' }
  | { type: 'copy' }
  | { type: 'paste'; where: 'above' | 'below' }
  | { type: 'merge' }
  | { type: 'split' }
  | { type: 'move'; delta: -1 | 1 }
  | { type: 'palette' }
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
  if (mod && !e.altKey && e.shiftKey && e.key.toLowerCase() === 'p') return { type: 'palette' };
  // Shift+- types "_" on most layouts; the physical key is the same.
  if (mod && !e.altKey && e.shiftKey && (e.key === '-' || e.key === '_' || e.code === 'Minus')) return { type: 'split' };
  if (state.mode === 'edit') return e.key === 'Escape' ? { type: 'enter-command' } : null;

  // In command mode Ctrl/Cmd+Z is the notebook's undo: the browser has no text to undo there.
  if (mod && !e.altKey && e.key.toLowerCase() === 'z') return e.shiftKey ? { type: 'redo' } : { type: 'undo' };
  if (mod && !e.altKey && e.shiftKey && e.key === 'ArrowUp') return { type: 'move', delta: -1 };
  if (mod && !e.altKey && e.shiftKey && e.key === 'ArrowDown') return { type: 'move', delta: 1 };
  if (mod || e.altKey) return null;
  if (e.key === 'Enter' && !e.shiftKey) return { type: 'enter-edit' };
  if (e.key === 'ArrowUp') return { type: 'select', delta: -1 };
  if (e.key === 'ArrowDown') return { type: 'select', delta: 1 };
  if (e.shiftKey) {
    switch (e.key.toLowerCase()) {
      case 'v':
        return { type: 'paste', where: 'above' };
      case 'm':
        return { type: 'merge' };
      case 'z':
        return { type: 'redo' };
      default:
        return null;
    }
  }
  switch (e.key.toLowerCase()) {
    case 'a':
      return { type: 'insert', where: 'above' };
    case 'b':
      return { type: 'insert', where: 'below' };
    case 'd':
      return state.pendingKey === 'd' ? { type: 'delete' } : { type: 'arm', key: 'd' };
    case 'z':
      return { type: 'undo' };
    case 'x':
      return { type: 'cut' };
    case 'c':
      return { type: 'copy' };
    case 'v':
      return { type: 'paste', where: 'below' };
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
