/**
 * A labelled toolbar menu ("File ▾") for narrow windows, following the WAI-ARIA menu button pattern:
 * the button opens a `role="menu"`, arrows and Home/End move between items, Enter runs one, Esc or a
 * click elsewhere closes it and gives focus back to the button. Items keep the `data-testid`s the
 * inline buttons have, so whatever finds "save" finds it in either layout. Both carry data-own-keys
 * so the notebook's command-mode shortcuts (arrows select cells) leave their keys alone.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import './ToolbarMenu.css';

export interface MenuItem {
  id: string;
  label: string;
  title: string;
  onSelect(): void;
  disabled?: boolean;
  /** A toggle (the grid's Profile): a `menuitemcheckbox` that says whether it is on. */
  checked?: boolean;
  /** Where a grid's tools run short of room, the lowest ranks fold into "More ▾" first (how much the tool is used). */
  rank?: number;
}

const ITEMS = '[role="menuitem"]:not(:disabled), [role="menuitemcheckbox"]:not(:disabled)';

interface Props {
  label: string;
  testId: string;
  items: MenuItem[];
  /** The button's classes where it is not a toolbar's (a grid's "More ▾"). */
  buttonClass?: string;
  title?: string;
}

export function ToolbarMenu({ label, testId, items, buttonClass = 'tb-btn tb-menu-button', title }: Props) {
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState({ top: 0, left: 0 });
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  // The toolbar clips what overflows it, so the menu is placed in the viewport under its button.
  useLayoutEffect(() => {
    if (!open || !button.current) return;
    const r = button.current.getBoundingClientRect();
    setPlace({ top: r.bottom + 4, left: Math.max(4, Math.min(r.left, innerWidth - 220)) });
    menu.current?.querySelector<HTMLElement>(ITEMS)?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      const t = e.target as Node;
      if (!menu.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    // A fixed menu would stay put while a scrolled notebook carries its button away.
    const scrolled = (e: Event) => !menu.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', outside);
    document.addEventListener('scroll', scrolled, true);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('scroll', scrolled, true);
    };
  }, [open]);

  const onMenuKey = (e: KeyboardEvent) => {
    const enabled = [...(menu.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
    const at = enabled.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => enabled[(i + enabled.length) % enabled.length]?.focus();
    const moves: Record<string, () => void> = {
      ArrowDown: () => focus(at + 1),
      ArrowUp: () => focus(at - 1),
      Home: () => focus(0),
      End: () => focus(enabled.length - 1),
      Escape: () => close(true),
      Tab: () => close(false),
    };
    const move = moves[e.key];
    if (!move) return;
    if (e.key !== 'Tab') e.preventDefault();
    move();
  };

  return (
    <>
      <button
        ref={button}
        className={`${buttonClass}${open ? ' tb-active' : ''}`}
        data-testid={testId}
        // What it holds and what was last chosen from it: a dialog that outlives this button (the
        // toolbar changed layout) gives the focus back to whatever offers the same command.
        data-holds={items.map((it) => it.id).join(' ')}
        title={title}
        aria-haspopup="menu"
        aria-expanded={open}
        data-own-keys
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {label}
        <span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        <div ref={menu} className="tb-menu" role="menu" aria-label={label} style={place} onKeyDown={onMenuKey} data-own-keys>
          {items.map((it) => (
            <button
              key={it.id}
              className="tb-menu-item"
              role={it.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
              aria-checked={it.checked}
              data-testid={it.id}
              title={it.title}
              disabled={it.disabled}
              tabIndex={-1}
              onClick={() => {
                if (button.current) button.current.dataset.chose = it.id;
                close(true);
                it.onSelect();
              }}
            >
              {it.checked && (
                <span className="tb-menu-check" aria-hidden="true">
                  ✓
                </span>
              )}
              {it.label}
            </button>
          ))}
        </div>
      )}
    </>
  );
}
