/**
 * A virtualised table: only the visible rows are in the DOM, and rows beyond the first page are
 * fetched by handle in pages as the user scrolls, kept in a small LRU.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CellValue, TableOutput } from '../../kernel/protocol/notebook';
import { PageCache, PAGE_SIZE } from './PageCache';
import { contentHeight, visibleRows, type ScrollGeometry } from './scrollMapping';
import { isNumericType } from '../../common/columnKind';
import { cellText } from '../../common/cellText';
import { formatRowCount } from '../../common/formatRowCount';
import { useColumnWidths } from './useColumnWidths';

export type FetchPage = (handle: string, offset: number, limit: number) => Promise<CellValue[][]>;

const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 40;
const MAX_VIEWPORT = 372;
/** Room for a horizontal scrollbar so a short table does not get a vertical one too. */
const SCROLLBAR_ALLOWANCE = 12;

/** `actions` sit at the right of the header line (export, chart, model…). */
export function Grid({ output, fetchPage, actions }: { output: TableOutput; fetchPage: FetchPage | null; actions?: ReactNode }) {
  const { handle, columns } = output;
  const pageable = Boolean(handle && fetchPage);
  const rowCount = pageable ? output.rowCount : output.rows.length;
  const viewportRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState({ width: 0, height: 0 });
  const viewportHeight = viewport.height;
  const [, setLoaded] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const cache = useMemo(() => new PageCache(PAGE_SIZE, 6), [handle]);
  const inFlight = useRef(new Set<number>());
  const { widths, startResize } = useColumnWidths(columns);

  useLayoutEffect(() => {
    const el = viewportRef.current!;
    const measure = () => setViewport({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const geometry: ScrollGeometry = { rowCount, rowHeight: ROW_HEIGHT, headerHeight: HEADER_HEIGHT, viewportHeight };
  const { first, end, firstOffset } = visibleRows(scrollTop, geometry);

  useEffect(() => {
    if (!pageable || !handle || !fetchPage) return;
    const from = Math.max(first, output.rows.length);
    // Wait for scrolling to settle so dragging the thumb across millions of rows asks for one page, not hundreds.
    const timer = setTimeout(() => {
      for (const page of cache.missing(from, end)) {
        if (inFlight.current.has(page)) continue;
        inFlight.current.add(page);
        fetchPage(handle, page * PAGE_SIZE, PAGE_SIZE)
          .then((rows) => {
            cache.put(page, rows);
            setLoaded((n) => n + 1);
          })
          .catch((e: Error) => setError(e.message))
          .finally(() => inFlight.current.delete(page));
      }
    }, 40);
    return () => clearTimeout(timer);
  }, [first, end, pageable, handle, fetchPage, cache, output.rows.length]);

  const rowAt = (i: number): CellValue[] | undefined => (i < output.rows.length ? output.rows[i] : cache.row(i));
  const rowNumWidth = Math.max(44, String(rowCount).length * 8 + 18);
  const totalWidth = rowNumWidth + widths.reduce((a, b) => a + b, 0);
  const numeric = columns.map((c) => isNumericType(c.type));
  const layerWidth = Math.max(totalWidth, viewport.width);
  const scrollbar = totalWidth > viewport.width ? SCROLLBAR_ALLOWANCE : 0;
  const height = Math.min(MAX_VIEWPORT, HEADER_HEIGHT + Math.max(rowCount, 1) * ROW_HEIGHT + scrollbar + 2);

  const rows = [];
  for (let r = first; r < end; r++) {
    const row = rowAt(r);
    rows.push(
      <div className="grid-row" key={r} style={{ top: HEADER_HEIGHT + firstOffset + (r - first) * ROW_HEIGHT, width: totalWidth }}>
        <div className="grid-rownum" style={{ width: rowNumWidth }}>
          {(r + 1).toLocaleString('en-US')}
        </div>
        {columns.map((_, c) => {
          const v = row?.[c];
          const cls = `grid-cell${numeric[c] ? ' num' : ''}${v === null ? ' null' : ''}${row ? '' : ' loading'}`;
          return (
            <div className={cls} key={c} data-testid="grid-cell" data-row={r} data-col={c} style={{ width: widths[c] }}>
              {row ? cellText(v ?? null) : ''}
            </div>
          );
        })}
      </div>,
    );
  }

  return (
    <div
      className="grid"
      data-testid="grid"
      style={{ maxWidth: '100%', width: totalWidth + 2 + (rowCount * ROW_HEIGHT + HEADER_HEIGHT > MAX_VIEWPORT ? SCROLLBAR_ALLOWANCE : 0) }}
    >
      <div className="grid-meta">
        <span data-testid="grid-rowcount">{formatRowCount(output.rowCount)}</span>
        <span className="grid-meta-sep">·</span>
        <span>{columns.length === 1 ? '1 column' : `${columns.length} columns`}</span>
        {!pageable && output.rows.length < output.rowCount && (
          <span className="grid-note">
            showing {output.rows.length.toLocaleString('en-US')} stored of {output.rowCount.toLocaleString('en-US')} rows — run the cell to
            page through all
          </span>
        )}
        {error && <span className="grid-note grid-error">Rows could not be fetched ({error}) — run the cell again</span>}
        {actions}
      </div>
      <div
        className="grid-viewport"
        data-testid="grid-viewport"
        ref={viewportRef}
        style={{ height }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="grid-content" style={{ height: Math.max(contentHeight(geometry), viewportHeight), width: totalWidth }}>
          <div className="grid-layer" style={{ height: viewportHeight, width: layerWidth }}>
            <div className="grid-header" style={{ height: HEADER_HEIGHT, width: layerWidth }}>
              <div className="grid-rownum grid-corner" style={{ width: rowNumWidth }}>
                #
              </div>
              {columns.map((col, c) => (
                <div
                  className={`grid-colhead${numeric[c] ? ' num' : ''}`}
                  key={c}
                  style={{ width: widths[c] }}
                  title={`${col.name}: ${col.type}`}
                >
                  <span className="grid-colname">{col.name}</span>
                  <span className="grid-coltype" data-testid="grid-coltype">
                    {col.type}
                  </span>
                  <span className="grid-resize" onPointerDown={(e) => startResize(c, e)} />
                </div>
              ))}
            </div>
            {rows}
          </div>
        </div>
      </div>
    </div>
  );
}
