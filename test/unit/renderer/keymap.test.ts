import { describe, expect, it } from 'vitest';
import { keymap, type KeyInput, type KeymapState } from '../../../renderer/notebook/keymap';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});
const command: KeymapState = { mode: 'command', pendingKey: null };
const edit: KeymapState = { mode: 'edit', pendingKey: null };

describe('keymap', () => {
  it('runs with Shift/Ctrl/Cmd/Alt+Enter in both modes, each with its own follow-up', () => {
    for (const state of [command, edit]) {
      expect(keymap(key('Enter', { shiftKey: true }), state)).toEqual({ type: 'run', then: 'select-next' });
      expect(keymap(key('Enter', { ctrlKey: true }), state)).toEqual({ type: 'run', then: 'stay' });
      expect(keymap(key('Enter', { metaKey: true }), state)).toEqual({ type: 'run', then: 'stay' });
      expect(keymap(key('Enter', { altKey: true }), state)).toEqual({ type: 'run', then: 'insert-below' });
    }
  });

  it('leaves typing in the editor alone, including letters that are commands in command mode', () => {
    for (const k of ['a', 'b', 'd', 'z', 'm', 'y', 'l', 'j', 'k', 'h', 'Enter', 'ArrowUp', 'ArrowDown']) {
      expect(keymap(key(k), edit)).toBeNull();
    }
    expect(keymap(key('a', { ctrlKey: true }), edit)).toBeNull();
    expect(keymap(key('Escape'), edit)).toEqual({ type: 'enter-command' });
  });

  it('maps the Jupyter command-mode keys', () => {
    expect(keymap(key('Enter'), command)).toEqual({ type: 'enter-edit' });
    expect(keymap(key('a'), command)).toEqual({ type: 'insert', where: 'above' });
    expect(keymap(key('b'), command)).toEqual({ type: 'insert', where: 'below' });
    expect(keymap(key('z'), command)).toEqual({ type: 'undo' });
    expect(keymap(key('m'), command)).toEqual({ type: 'set-type', cellType: 'markdown' });
    expect(keymap(key('y'), command)).toEqual({ type: 'set-type', cellType: 'code' });
    expect(keymap(key('l'), command)).toEqual({ type: 'toggle-language' });
    expect(keymap(key('h'), command)).toEqual({ type: 'help' });
    expect(keymap(key('ArrowUp'), command)).toEqual({ type: 'select', delta: -1 });
    expect(keymap(key('k'), command)).toEqual({ type: 'select', delta: -1 });
    expect(keymap(key('ArrowDown'), command)).toEqual({ type: 'select', delta: 1 });
    expect(keymap(key('j'), command)).toEqual({ type: 'select', delta: 1 });
    expect(keymap(key('A', { shiftKey: true }), command)).toBeNull();
    expect(keymap(key('q'), command)).toBeNull();
  });

  it('deletes only on a second D', () => {
    const first = keymap(key('d'), command);
    expect(first).toEqual({ type: 'arm', key: 'd' });
    expect(keymap(key('d'), { mode: 'command', pendingKey: 'd' })).toEqual({ type: 'delete' });
    expect(keymap(key('a'), { mode: 'command', pendingKey: 'd' })).toEqual({ type: 'insert', where: 'above' });
  });

  it('saves with Ctrl+S or Cmd+S in either mode but not with a plain S', () => {
    expect(keymap(key('s', { ctrlKey: true }), edit)).toEqual({ type: 'save' });
    expect(keymap(key('s', { metaKey: true }), command)).toEqual({ type: 'save' });
    expect(keymap(key('s'), command)).toBeNull();
    expect(keymap(key('s'), edit)).toBeNull();
  });

  it('does not hijack browser copy/paste shortcuts in command mode', () => {
    expect(keymap(key('c', { ctrlKey: true }), command)).toBeNull();
    expect(keymap(key('v', { metaKey: true }), command)).toBeNull();
  });

  it('cuts, copies and pastes cells with X, C, V and Shift+V in command mode only', () => {
    expect(keymap(key('x'), command)).toEqual({ type: 'cut' });
    expect(keymap(key('c'), command)).toEqual({ type: 'copy' });
    expect(keymap(key('v'), command)).toEqual({ type: 'paste', where: 'below' });
    expect(keymap(key('V', { shiftKey: true }), command)).toEqual({ type: 'paste', where: 'above' });
    for (const k of ['x', 'c', 'v', 'V']) expect(keymap(key(k, { shiftKey: k === 'V' }), edit)).toBeNull();
  });

  it('merges with Shift+M and splits with Ctrl/Cmd+Shift+- in either mode, whatever the layout types', () => {
    expect(keymap(key('M', { shiftKey: true }), command)).toEqual({ type: 'merge' });
    expect(keymap(key('M', { shiftKey: true }), edit)).toBeNull();
    for (const state of [command, edit]) {
      expect(keymap(key('_', { ctrlKey: true, shiftKey: true }), state)).toEqual({ type: 'split' });
      expect(keymap(key('-', { metaKey: true, shiftKey: true }), state)).toEqual({ type: 'split' });
      expect(keymap(key('ß', { ctrlKey: true, shiftKey: true, code: 'Minus' }), state)).toEqual({ type: 'split' });
    }
    expect(keymap(key('-', { ctrlKey: true }), command)).toBeNull();
  });

  it('moves the cell with Ctrl/Cmd+Shift+Up/Down in command mode, leaving the editor its own keys', () => {
    expect(keymap(key('ArrowUp', { ctrlKey: true, shiftKey: true }), command)).toEqual({ type: 'move', delta: -1 });
    expect(keymap(key('ArrowDown', { metaKey: true, shiftKey: true }), command)).toEqual({ type: 'move', delta: 1 });
    expect(keymap(key('ArrowDown', { ctrlKey: true, shiftKey: true }), edit)).toBeNull();
    expect(keymap(key('ArrowDown', { ctrlKey: true }), command)).toBeNull();
  });

  it('undoes with Z or Ctrl/Cmd+Z and redoes with Shift+Z or Ctrl/Cmd+Shift+Z outside the editor', () => {
    expect(keymap(key('z'), command)).toEqual({ type: 'undo' });
    expect(keymap(key('z', { ctrlKey: true }), command)).toEqual({ type: 'undo' });
    expect(keymap(key('z', { metaKey: true }), command)).toEqual({ type: 'undo' });
    expect(keymap(key('Z', { shiftKey: true }), command)).toEqual({ type: 'redo' });
    expect(keymap(key('Z', { ctrlKey: true, shiftKey: true }), command)).toEqual({ type: 'redo' });
    // In the editor, CodeMirror undoes typing.
    expect(keymap(key('z', { ctrlKey: true }), edit)).toBeNull();
    expect(keymap(key('Z', { ctrlKey: true, shiftKey: true }), edit)).toBeNull();
  });

  it('opens the command palette with Ctrl/Cmd+Shift+P in either mode', () => {
    expect(keymap(key('P', { ctrlKey: true, shiftKey: true }), edit)).toEqual({ type: 'palette' });
    expect(keymap(key('p', { metaKey: true, shiftKey: true }), command)).toEqual({ type: 'palette' });
    expect(keymap(key('p', { ctrlKey: true }), command)).toBeNull();
  });
});
