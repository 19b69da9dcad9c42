/**
 * A column's filter menu, opened from its header: an operator and value(s), or one of the column's
 * 10 most frequent values (counted by DuckDB over the whole result). Enter applies, Escape closes.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { FILTER_OPS, type FilterOp } from '../../../common/filterOps';
import type { ColumnFilter, TopValue } from '../../../kernel/protocol/results';
import { FILTER_OP_LABELS } from './filterLabel';
import type { ResultApi } from './useResultApi';

interface Props {
  column: string;
  type: string;
  handle: string;
  api: ResultApi;
  current: ColumnFilter | undefined;
  /** The header button it opened from: the menu sits below it, following it on resize and scroll. */
  anchor: HTMLElement;
  onApply(filter: ColumnFilter): void;
  onClear(): void;
  onClose(): void;
}

const NO_VALUE: FilterOp[] = ['null', 'notnull'];
const MENU_WIDTH = 260;

/**
 * Right-aligned under its button; a column near the grid's left edge would push it over the cell's
 * gutter, so it is kept within the grid (and the window), starting at the grid's left edge at most.
 */
function placeBelow(anchor: HTMLElement): { left: number; top: number } {
  const r = anchor.getBoundingClientRect();
  const box = (anchor.closest('[data-testid="grid"]') ?? document.documentElement).getBoundingClientRect();
  const lowest = Math.max(8, box.left);
  const highest = Math.min(box.right, window.innerWidth - 8) - MENU_WIDTH;
  return { left: Math.max(lowest, Math.min(r.right - MENU_WIDTH, highest)), top: r.bottom + 4 };
}

export function FilterMenu(p: Props) {
  const [op, setOp] = useState<FilterOp>(p.current?.op ?? 'contains');
  const [value, setValue] = useState(p.current?.value ?? '');
  const [value2, setValue2] = useState(p.current?.value2 ?? '');
  const [top, setTop] = useState<TopValue[] | null>(null);
  const [topError, setTopError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState(() => placeBelow(p.anchor));

  useLayoutEffect(() => {
    const place = () => setAt(placeBelow(p.anchor));
    place();
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, true);
    return () => {
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place, true);
    };
  }, [p.anchor]);

  useEffect(() => {
    let live = true;
    p.api.topValues(p.handle, p.column).then(
      (r) => live && setTop(r.values),
      (e: Error) => live && setTopError(e.message),
    );
    return () => {
      live = false;
    };
  }, [p.api, p.handle, p.column]);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('select')?.focus();
    const outside = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node) && !(e.target as Element).closest?.('[data-testid="grid-column-menu"]')) p.onClose();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, []);

  const needs = NO_VALUE.includes(op) ? 0 : op === 'between' ? 2 : 1;
  const ready = needs === 0 || (value !== '' && (needs === 1 || value2 !== ''));
  const apply = () => {
    if (!ready) return;
    p.onApply({ column: p.column, op, ...(needs > 0 ? { value } : {}), ...(needs > 1 ? { value2 } : {}) });
  };
  const pick = (v: TopValue) =>
    p.onApply(v.value === null ? { column: p.column, op: 'null' } : { column: p.column, op: 'eq', value: v.value });
  const max = top?.reduce((m, v) => Math.max(m, v.count), 0) ?? 0;

  return (
    <div
      ref={ref}
      className="grid-filter-menu"
      role="dialog"
      aria-label={`Filter ${p.column}`}
      data-testid="grid-filter-menu"
      data-own-keys
      style={{ left: at.left, top: at.top, width: MENU_WIDTH }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          p.onClose();
        }
        if (e.key === 'Enter' && (e.target as Element).tagName !== 'BUTTON') {
          e.preventDefault();
          apply();
        }
      }}
    >
      <div className="grid-filter-title">
        Filter <strong>{p.column}</strong> <span className="grid-filter-type">{p.type}</span>
      </div>
      <div className="grid-filter-row">
        <select aria-label="Condition" data-testid="grid-filter-op" value={op} onChange={(e) => setOp(e.target.value as FilterOp)}>
          {FILTER_OPS.map((o) => (
            <option key={o} value={o}>
              {FILTER_OP_LABELS[o]}
            </option>
          ))}
        </select>
        {needs > 0 && (
          <input
            aria-label={needs > 1 ? 'From' : 'Value'}
            data-testid="grid-filter-value"
            value={value}
            placeholder={needs > 1 ? 'from' : 'value'}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
        {needs > 1 && (
          <input
            aria-label="To"
            data-testid="grid-filter-value2"
            value={value2}
            placeholder="to"
            onChange={(e) => setValue2(e.target.value)}
          />
        )}
      </div>
      <div className="grid-filter-actions">
        {p.current && (
          <button type="button" className="btn btn-ghost btn-small" onClick={p.onClear}>
            Clear
          </button>
        )}
        <button type="button" className="btn btn-primary btn-small" data-testid="grid-filter-apply" disabled={!ready} onClick={apply}>
          Apply
        </button>
      </div>
      <div className="grid-filter-top" role="group" aria-label="Top values">
        <div className="grid-filter-subtitle">Top values</div>
        {topError && <div className="grid-error">{topError}</div>}
        {!top && !topError && <div className="grid-filter-loading">Counting…</div>}
        {top?.map((v, i) => (
          <button
            type="button"
            key={i}
            className="grid-top-value"
            data-testid="grid-top-value"
            // Read as one word, value and count ran together: "O000002" with 1 row sounded like "O0000021".
            aria-label={`${v.value ?? 'NULL'}, ${v.count.toLocaleString()} ${v.count === 1 ? 'row' : 'rows'}`}
            onClick={() => pick(v)}
          >
            <span className="grid-top-bar" style={{ width: `${max ? (v.count / max) * 100 : 0}%` }} />
            <span className={`grid-top-text${v.value === null ? ' null' : ''}`}>{v.value ?? 'NULL'}</span>
            <span className="grid-top-count">{v.count.toLocaleString()}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
