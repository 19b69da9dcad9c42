/** The strip of open notebooks (WAI-ARIA tabs): select, close (×, middle click), and + for a new one. */
import type { KeyboardEvent } from 'react';
import type { TabPathInfo } from './tabPaths';

export interface TabInfo extends TabPathInfo {
  title: string;
  dirty: boolean;
}

interface Props {
  tabs: (TabInfo & { id: string })[];
  activeId: string;
  onSelect(id: string): void;
  onClose(id: string): void;
  onNew(): void;
}

export function TabBar({ tabs, activeId, onSelect, onClose, onNew }: Props) {
  // Arrow keys move between tabs, as the tabs pattern asks.
  const onKey = (e: KeyboardEvent, i: number) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    onSelect(next.id);
    document.querySelector<HTMLElement>(`[data-tab="${CSS.escape(next.id)}"]`)?.focus();
  };
  return (
    <div className="tab-bar" data-own-keys>
      <div role="tablist" aria-label="Open notebooks" className="tab-list">
        {tabs.map((t, i) => (
          <div key={t.id} className={`tab${t.id === activeId ? ' tab-active' : ''}`}>
            <button
              role="tab"
              aria-selected={t.id === activeId}
              tabIndex={t.id === activeId ? 0 : -1}
              className="tab-title"
              data-tab={t.id}
              data-testid="tab"
              title={t.title}
              onClick={() => onSelect(t.id)}
              onAuxClick={(e) => e.button === 1 && onClose(t.id)}
              onKeyDown={(e) => onKey(e, i)}
            >
              <span className="tab-title-text">{t.title}</span>
              {t.dirty && (
                <span className="tab-dirty" aria-label="unsaved changes">
                  ●
                </span>
              )}
            </button>
            <button className="tab-close" aria-label={`Close ${t.title}`} data-testid="tab-close" onClick={() => onClose(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
      <button
        className="tab-new"
        aria-label="New notebook in a new tab"
        data-testid="tab-new"
        title="New notebook in a new tab"
        onClick={onNew}
      >
        +
      </button>
    </div>
  );
}
