/** The outline: the notebook's markdown headings, the section being worked on, and where a cell runs. */
import { useMemo } from 'react';
import type { Cell } from '../../kernel/protocol/notebook';
import { outlineHeadings, sectionOf } from './outlineHeadings';

interface Props {
  cells: readonly Cell[];
  selectedId: string | null;
  running: Record<string, unknown>;
  onGoTo(cellId: string): void;
}

export function OutlinePanel({ cells, selectedId, running, onGoTo }: Props) {
  const headings = useMemo(() => outlineHeadings(cells), [cells]);
  const current = selectedId ? sectionOf(headings, cells, selectedId) : -1;
  const runningSections = new Set(Object.keys(running).map((id) => sectionOf(headings, cells, id)));
  return (
    <div className="side-body" data-testid="outline-panel">
      {headings.length === 0 && <div className="side-muted">No headings yet. Markdown cells' #, ## and ### headings appear here.</div>}
      <ul className="outline-list" role="list">
        {headings.map((h, i) => (
          <li key={`${h.cellId}:${i}`}>
            <button
              className={`outline-item outline-level-${h.level}${i === current ? ' current' : ''}`}
              data-testid="outline-item"
              aria-current={i === current ? 'location' : undefined}
              title={h.text}
              onClick={() => onGoTo(h.cellId)}
            >
              <span className="outline-text">{h.text}</span>
              {runningSections.has(i) && <span className="spinner outline-running" data-testid="outline-running" aria-label="running" />}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
