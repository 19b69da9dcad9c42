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
    expect(keymap(key('z'), command)).toEqual({ type: 'undo-delete' });
    expect(keymap(key('m'), command)).toEqual({ type: 'set-type', cellType: 'markdown' });
    expect(keymap(key('y'), command)).toEqual({ type: 'set-type', cellType: 'code' });
    expect(keymap(key('l'), command)).toEqual({ type: 'toggle-language' });
    expect(keymap(key('h'), command)).toEqual({ type: 'help' });
    expect(keymap(key('ArrowUp'), command)).toEqual({ type: 'select', delta: -1 });
    expect(keymap(key('k'), command)).toEqual({ type: 'select', delta: -1 });
    expect(keymap(key('ArrowDown'), command)).toEqual({ type: 'select', delta: 1 });
    expect(keymap(key('j'), command)).toEqual({ type: 'select', delta: 1 });
    expect(keymap(key('A', { shiftKey: true }), command)).toBeNull();
    expect(keymap(key('x'), command)).toBeNull();
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

  it('does not hijack browser shortcuts in command mode', () => {
    expect(keymap(key('c', { ctrlKey: true }), command)).toBeNull();
    expect(keymap(key('z', { metaKey: true }), command)).toBeNull();
  });
});
