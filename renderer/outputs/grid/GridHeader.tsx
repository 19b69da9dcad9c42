/**
 * The grid's header row: per column a sort button (click cycles ascending → descending → none,
 * Shift+click adds a secondary key), a filter menu button, and the resize handle.
 */
import type { PointerEvent } from 'react';
import type { ColumnInfo } from '../../../kernel/protocol/notebook';
import type { ColumnFilter, SortKey } from '../../../kernel/protocol/results';
import { ariaSort } from './sortCycle';

interface Props {
  columns: ColumnInfo[];
  widths: number[];
  numeric: boolean[];
  rowNumWidth: number;
  height: number;
  width: number;
  sort: SortKey[];
  filters: ColumnFilter[];
  /** Null when the rows cannot be re-queried (an earlier run's output). */
  onSort: ((column: string, additive: boolean) => void) | null;
  onMenu: ((column: number, button: HTMLElement) => void) | null;
  openMenu: number | null;
  startResize(index: number, e: PointerEvent<HTMLElement>): void;
}

const ARROWS = { ascending: '↑', descending: '↓', none: '' };

export function GridHeader(p: Props) {
  return (
    <div className="grid-header" role="row" aria-rowindex={1} style={{ height: p.height, width: p.width }}>
      <div className="grid-rownum grid-corner" role="columnheader" aria-colindex={1} style={{ width: p.rowNumWidth }}>
        #
      </div>
      {p.columns.map((col, c) => {
        const sorted = ariaSort(p.sort, col.name);
        const rank = p.sort.length > 1 ? p.sort.findIndex((k) => k.column === col.name) + 1 : 0;
        const filtered = p.filters.some((f) => f.column === col.name);
        return (
          <div
            className={`grid-colhead${p.numeric[c] ? ' num' : ''}${sorted !== 'none' || rank > 0 ? ' sorted' : ''}`}
            key={c}
            role="columnheader"
            aria-colindex={c + 2}
            aria-sort={sorted}
            style={{ width: p.widths[c] }}
            title={`${col.name}: ${col.type}${p.onSort ? ' — click to sort, Shift+click to add a sort key' : ''}`}
          >
            <button
              type="button"
              className="grid-sort"
              data-testid="grid-sort"
              disabled={!p.onSort}
              onClick={(e) => p.onSort?.(col.name, e.shiftKey)}
            >
              <span className="grid-colname">
                {col.name}
                {(sorted !== 'none' || rank > 0) && (
                  <span className="grid-sort-mark" aria-hidden="true">
                    {ARROWS[sorted] || (p.sort.find((k) => k.column === col.name)?.desc ? '↓' : '↑')}
                    {rank > 0 ? rank : ''}
                  </span>
                )}
              </span>
              <span className="grid-coltype" data-testid="grid-coltype">
                {col.type}
              </span>
            </button>
            {p.onMenu && (
              <button
                type="button"
                className={`grid-menu-button${filtered ? ' active' : ''}${p.openMenu === c ? ' open' : ''}`}
                data-testid="grid-column-menu"
                aria-label={`Filter ${col.name}`}
                aria-haspopup="dialog"
                aria-expanded={p.openMenu === c}
                onClick={(e) => p.onMenu?.(c, e.currentTarget)}
              >
                <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
                  <path d="M1 2h8L6 5.5V9L4 8V5.5z" fill="currentColor" />
                </svg>
              </button>
            )}
            <span className="grid-resize" onPointerDown={(e) => p.startResize(c, e)} />
          </div>
        );
      })}
    </div>
  );
}
