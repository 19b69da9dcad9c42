/** A cell's own menu (⋯): the cell operations for people who use the mouse. */
import { useEffect, useRef, useState } from 'react';
import type { Action } from '../notebook/keymap';
import './CellMenu.css';

interface Item {
  label: string;
  keys: string;
  action: Action;
}

const ITEMS: Item[] = [
  { label: 'Move up', keys: 'Ctrl+Shift+↑', action: { type: 'move', delta: -1 } },
  { label: 'Move down', keys: 'Ctrl+Shift+↓', action: { type: 'move', delta: 1 } },
  { label: 'Cut', keys: 'X', action: { type: 'cut' } },
  { label: 'Copy', keys: 'C', action: { type: 'copy' } },
  { label: 'Paste below', keys: 'V', action: { type: 'paste', where: 'below' } },
  { label: 'Merge with below', keys: 'Shift+M', action: { type: 'merge' } },
  { label: 'Split at cursor', keys: 'Ctrl+Shift+-', action: { type: 'split' } },
  { label: 'Delete', keys: 'D D', action: { type: 'delete' } },
];

interface Props {
  /** Selects the cell: the menu acts on it, and what is enabled is judged for it. */
  onOpen(): void;
  canPerform(action: Action): boolean;
  onAction(action: Action): void;
}

export function CellMenu({ onOpen, canPerform, onAction }: Props) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    box.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
    const away = (e: MouseEvent) => !box.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', away, true);
    return () => document.removeEventListener('mousedown', away, true);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const items = [...(box.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') close(true);
    else if (e.key === 'ArrowDown') items[(at + 1) % items.length]?.focus();
    else if (e.key === 'ArrowUp') items[(at - 1 + items.length) % items.length]?.focus();
    else if (e.key === 'Home') items[0]?.focus();
    else if (e.key === 'End') items[items.length - 1]?.focus();
    else if (e.key === 'Tab') close(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="cell-menu" ref={box}>
      <button
        ref={button}
        className="cell-menu-button"
        data-testid="cell-menu-button"
        aria-label="Cell actions"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Cell actions"
        onClick={() => {
          if (!open) onOpen();
          setOpen(!open);
        }}
      >
        ⋯
      </button>
      {open && (
        // data-own-keys: while the menu is open, arrows and letters are its own, not the notebook's.
        <div className="cell-menu-list" role="menu" aria-label="Cell actions" data-testid="cell-menu" data-own-keys onKeyDown={onKeyDown}>
          {ITEMS.map((item) => (
            <button
              key={item.label}
              role="menuitem"
              className="cell-menu-item"
              disabled={!canPerform(item.action)}
              onClick={() => {
                close(false);
                onAction(item.action);
              }}
            >
              <span>{item.label}</span>
              <kbd>{item.keys}</kbd>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
