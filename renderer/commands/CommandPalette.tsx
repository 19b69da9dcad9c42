/**
 * Ctrl/⌘+Shift+P: every command in one list, filtered as you type (fuzzyMatch), arrows and Enter
 * to run, Esc to close. A combobox over a listbox, so screen readers follow the active row.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { availableCommands, type Command } from './commandList';
import { fuzzyFilter } from './fuzzyMatch';
import './CommandPalette.css';

interface Props {
  commands: Command[];
  onClose(): void;
}

function Highlighted({ text, indices }: { text: string; indices: number[] }) {
  const marked = new Set(indices);
  return <>{[...text].map((ch, i) => (marked.has(i) ? <mark key={i}>{ch}</mark> : ch))}</>;
}

export function CommandPalette({ commands, onClose }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  // Judged once when the palette opens: what can be done does not change while it is open.
  const available = useMemo(() => availableCommands(commands), [commands]);
  const rows = useMemo(() => fuzzyFilter(query, available, (c) => c.title), [query, available]);
  const list = useRef<HTMLUListElement>(null);
  const at = Math.min(active, rows.length - 1);

  useEffect(() => {
    list.current?.querySelector(`[data-index="${at}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [at]);

  const runRow = (i: number) => {
    const row = rows[i];
    if (!row) return;
    onClose();
    row.item.run();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive(rows.length ? (at + 1) % rows.length : 0);
    else if (e.key === 'ArrowUp') setActive(rows.length ? (at - 1 + rows.length) % rows.length : 0);
    else if (e.key === 'PageDown') setActive(Math.min(rows.length - 1, at + 8));
    else if (e.key === 'PageUp') setActive(Math.max(0, at - 8));
    else if (e.key === 'Enter') runRow(at);
    else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" data-testid="command-palette">
        <input
          className="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-autocomplete="list"
          aria-activedescendant={rows.length ? `palette-option-${at}` : undefined}
          aria-label="Type a command"
          placeholder="Type a command…"
          autoFocus
          spellCheck={false}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul className="palette-list" id="palette-list" role="listbox" aria-label="Commands" ref={list}>
          {rows.map(({ item, match }, i) => (
            <li
              key={item.id}
              id={`palette-option-${i}`}
              data-index={i}
              data-command={item.id}
              role="option"
              aria-selected={i === at}
              className={`palette-option${i === at ? ' active' : ''}`}
              onMouseMove={() => i !== at && setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => runRow(i)}
            >
              <span className="palette-title">
                <span className="palette-group">{item.group}:</span> <Highlighted text={item.title} indices={match.indices} />
              </span>
              {item.keys && <kbd className="palette-keys">{item.keys}</kbd>}
            </li>
          ))}
          {rows.length === 0 && <li className="palette-empty">No command matches “{query}”</li>}
        </ul>
      </div>
    </div>
  );
}
