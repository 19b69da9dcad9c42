/**
 * A virtualised result grid (WAI-ARIA grid pattern): only the visible rows are in the DOM, rows
 * beyond the first page are fetched by handle as the user scrolls and kept in a small LRU. Sorting,
 * filtering and profiling run in the session's DuckDB over the whole result (see grid/); cells are
 * selected and copied with exact values, and numbers are shown in the reader's locale.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CellValue, TableOutput } from '../../kernel/protocol/notebook';
import type { ColumnFilter, SortKey } from '../../kernel/protocol/results';
import { PageCache, PAGE_SIZE } from './PageCache';
import { contentHeight, scrollTopToReveal, visibleRows, type ScrollGeometry } from './scrollMapping';
import { isNumericType } from '../../common/columnKind';
import { useColumnWidths } from './useColumnWidths';
import { GridHeader } from './grid/GridHeader';
import { FilterMenu } from './grid/FilterMenu';
import { FilterChips } from './grid/FilterChips';
import { ProfilePanel } from './grid/ProfilePanel';
import { StaleNotice } from './grid/StaleNotice';
import { filteredCount } from './grid/filterLabel';
import { numberFormatter } from './grid/formatNumber';
import { GridRow, gridCellId } from './grid/GridRow';
import { gridToolItems } from './grid/gridToolItems';
import { OverflowTools } from './grid/OverflowTools';
import { rangeOf } from './grid/selection';
import { nextSort } from './grid/sortCycle';
import { useGridSelection } from './grid/useGridSelection';
import { useResultApi } from './grid/useResultApi';
import { useResultView } from './grid/useResultView';
import { useStale } from './grid/useStale';
import { useResultActions } from './useResultActions';
import type { FetchPage } from './grid/FetchPage';
import './grid/Grid.css';

export type { FetchPage };

const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 40;
const MAX_VIEWPORT = 372;
/** Room for a horizontal scrollbar so a short table does not get a vertical one too. */
const SCROLLBAR_ALLOWANCE = 12;

interface Props {
  output: TableOutput;
  fetchPage: FetchPage | null;
  /** The cell whose output this is: its result actions (chart, export, model…) join the grid's tools. */
  cellId?: string;
  /** Runs the cell that made this output (offered when its rows are from an earlier run). */
  onRun?: () => void;
}

export function Grid({ output, fetchPage, cellId, onRun }: Props) {
  const { columns } = output;
  const api = useResultApi();
  const { stale, why, markGone } = useStale(output.handle, fetchPage, api);
  const live = Boolean(output.handle && fetchPage && !stale);
  // A grid that could page (a cell's output) but cannot is showing an earlier run's rows; a read-only
  // grid (the catalog's preview: no pages, no cell) simply shows what it was given.
  const earlierRun = Boolean(fetchPage || onRun);
  const [sort, setSort] = useState<SortKey[]>([]);
  const [filters, setFilters] = useState<ColumnFilter[]>([]);
  const view = useResultView(api, output.handle, output.rowCount, sort, filters, live);
  const handle = live ? view.handle : undefined;
  // The output's stored first rows are the first rows of the result itself, not of a sorted view.
  const seeded = !live || handle === output.handle ? output.rows : [];
  const rowCount = live ? view.rowCount : output.rows.length;
  const viewportRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState({ width: 0, height: 0 });
  const viewportHeight = viewport.height;
  const [, setLoaded] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const cache = useMemo(() => new PageCache(PAGE_SIZE, 6), [handle]);
  const inFlight = useRef(new Set<number>());
  const { widths, startResize } = useColumnWidths(columns);
  const [menu, setMenu] = useState<{ column: number; anchor: HTMLElement } | null>(null);
  const [profileOpen, setProfileOpen] = useState(false);
  const [toolsWidth, setToolsWidth] = useState(0);
  const actions = useResultActions(output, fetchPage ? cellId : undefined);
  const format = useMemo(() => numberFormatter(), []);

  useLayoutEffect(() => {
    const el = viewportRef.current!;
    const measure = () => setViewport({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Pages asked for another handle are not this one's.
  useEffect(() => {
    setError(null);
    inFlight.current = new Set();
  }, [handle]);

  // A new sort or filter starts at the top; a re-run (a live refresh) keeps the reader where they were.
  const viewKey = JSON.stringify([sort, filters]);
  const shownKey = useRef(viewKey);
  useEffect(() => {
    if (shownKey.current === viewKey) return;
    shownKey.current = viewKey;
    if (viewportRef.current) viewportRef.current.scrollTop = 0;
    setScrollTop(0);
  }, [viewKey]);

  const geometry: ScrollGeometry = { rowCount, rowHeight: ROW_HEIGHT, headerHeight: HEADER_HEIGHT, viewportHeight };
  const { first, end, firstOffset } = visibleRows(scrollTop, geometry);

  useEffect(() => {
    if (!handle || !fetchPage) return;
    const from = Math.max(first, seeded.length);
    const asked = inFlight.current;
    // Wait for scrolling to settle so dragging the thumb across millions of rows asks for one page, not hundreds.
    const timer = setTimeout(() => {
      for (const page of cache.missing(from, end)) {
        if (asked.has(page)) continue;
        asked.add(page);
        fetchPage(handle, page * PAGE_SIZE, PAGE_SIZE)
          .then((rows) => {
            cache.put(page, rows);
            setLoaded((n) => n + 1);
          })
          .catch((e: Error) => {
            // An answer for a view replaced since is not this grid's problem any more.
            if (asked !== inFlight.current) return;
            markGone(e);
            setError(e.message);
          })
          .finally(() => asked.delete(page));
      }
    }, 40);
    return () => clearTimeout(timer);
  }, [first, end, handle, fetchPage, cache, seeded.length, markGone]);

  const rowAt = useCallback((i: number): CellValue[] | undefined => (i < seeded.length ? seeded[i] : cache.row(i)), [seeded, cache]);
  const names = useMemo(() => columns.map((c) => c.name), [columns]);
  const pageRows = Math.max(1, Math.floor((viewportHeight - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
  const sel = useGridSelection({
    rowCount,
    columns: names,
    pageRows,
    rowAt,
    fetchRows: handle && fetchPage ? (offset, limit) => fetchPage(handle, offset, limit) : null,
    reveal: (row) => {
      const el = viewportRef.current;
      if (el) el.scrollTop = scrollTopToReveal(row, el.scrollTop, geometry);
    },
  });
  const range = sel.selection ? rangeOf(sel.selection) : null;
  // The grid keeps the keyboard focus itself, so a screen reader learns which cell the arrows reached
  // from aria-activedescendant (WAI-ARIA grid): the focus cell, while its row is drawn.
  const idPrefix = useId();
  const focusCell = sel.selection?.focus;
  const activeId =
    focusCell && focusCell.row >= first && focusCell.row < end ? gridCellId(idPrefix, focusCell.row, focusCell.col) : undefined;

  const rowNumWidth = Math.max(44, String(rowCount).length * 8 + 18);
  const totalWidth = rowNumWidth + widths.reduce((a, b) => a + b, 0);
  const numeric = columns.map((c) => isNumericType(c.type));
  const layerWidth = Math.max(totalWidth, viewport.width);
  const scrollbar = totalWidth > viewport.width ? SCROLLBAR_ALLOWANCE : 0;
  const height = Math.min(MAX_VIEWPORT, HEADER_HEIGHT + Math.max(rowCount, 1) * ROW_HEIGHT + scrollbar + 2);
  const filtered = filters.length > 0;
  const fitWidth = totalWidth + 2 + (rowCount * ROW_HEIGHT + HEADER_HEIGHT > MAX_VIEWPORT ? SCROLLBAR_ALLOWANCE : 0);
  const tools = [
    ...(live
      ? gridToolItems({ onCopy: (f) => void sel.copy(f), onProfile: api ? () => setProfileOpen((o) => !o) : null, profileOpen })
      : []),
    ...(stale ? [] : actions.items),
  ];

  const openMenu = (column: number, anchor: HTMLElement) => setMenu((m) => (m?.column === column ? null : { column, anchor }));
  const applyFilter = (f: ColumnFilter) => {
    setFilters((fs) => [...fs.filter((x) => x.column !== f.column), f]);
    setMenu(null);
  };

  const rows = [];
  for (let r = first; r < end; r++) {
    rows.push(
      <GridRow
        key={r}
        index={r}
        row={rowAt(r)}
        top={HEADER_HEIGHT + firstOffset + (r - first) * ROW_HEIGHT}
        width={totalWidth}
        rowNumWidth={rowNumWidth}
        widths={widths}
        numeric={numeric}
        range={range}
        focus={sel.selection?.focus}
        format={format}
        idPrefix={idPrefix}
      />,
    );
  }

  return (
    <div
      className="grid"
      data-testid="grid"
      style={{
        // As wide as its columns, and as its header line with every tool on one line, however few the
        // columns; never wider than the cell, where the tools that do not fit fold into "More ▾".
        maxWidth: '100%',
        width: 'max-content',
        minWidth: `min(100%, ${Math.max(fitWidth, tools.length > 0 ? toolsWidth + 2 : 0)}px)`,
      }}
    >
      <div className="grid-meta">
        <span data-testid="grid-rowcount">{filteredCount(rowCount, output.rowCount, live && filtered)}</span>
        <span className="grid-meta-sep">·</span>
        <span>{columns.length === 1 ? '1 column' : `${columns.length} columns`}</span>
        {view.pending && <span className="grid-busy">{filtered ? 'filtering…' : 'sorting…'}</span>}
        {live && view.error && <span className="grid-note grid-error">{view.error.message}</span>}
        {error && !stale && <span className="grid-note grid-error">Rows could not be fetched ({error})</span>}
        {sel.message && (
          <span className={`grid-note${sel.message.error ? ' grid-error' : ' grid-copied'}`} role="status" data-testid="grid-copy-status">
            {sel.message.text}
          </span>
        )}
        {tools.length > 0 && <OverflowTools items={tools} onIdealWidth={setToolsWidth} />}
      </div>
      {stale && earlierRun && <StaleNotice why={why} onRun={onRun} />}
      {live && (
        <FilterChips filters={filters} onRemove={(i) => setFilters((fs) => fs.filter((_, j) => j !== i))} onClear={() => setFilters([])} />
      )}
      {live && profileOpen && api && output.handle && (
        <ProfilePanel api={api} handle={output.handle} onClose={() => setProfileOpen(false)} />
      )}
      <div
        className="grid-viewport"
        data-testid="grid-viewport"
        role="grid"
        aria-label={`Result: ${filteredCount(rowCount, output.rowCount, live && filtered)}`}
        aria-rowcount={rowCount + 1}
        aria-colcount={columns.length + 1}
        aria-multiselectable
        aria-activedescendant={activeId}
        tabIndex={0}
        data-own-keys
        ref={viewportRef}
        style={{ height }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={sel.onKeyDown}
        onFocus={sel.onFocus}
        onPointerDown={sel.onPointerDown}
        onPointerOver={sel.onPointerOver}
      >
        <div
          className="grid-content"
          role="presentation"
          style={{ height: Math.max(contentHeight(geometry), viewportHeight), width: totalWidth }}
        >
          <div className="grid-layer" role="presentation" style={{ height: viewportHeight, width: layerWidth }}>
            <GridHeader
              columns={columns}
              widths={widths}
              numeric={numeric}
              rowNumWidth={rowNumWidth}
              height={HEADER_HEIGHT}
              width={layerWidth}
              sort={live ? sort : []}
              filters={live ? filters : []}
              onSort={live && api ? (column, additive) => setSort((s) => nextSort(s, column, additive)) : null}
              onMenu={live && api ? openMenu : null}
              openMenu={menu?.column ?? null}
              startResize={startResize}
            />
            {rows}
          </div>
        </div>
      </div>
      {menu && live && api && output.handle && (
        <FilterMenu
          key={menu.column}
          column={columns[menu.column].name}
          type={columns[menu.column].type}
          handle={output.handle}
          api={api}
          current={filters.find((f) => f.column === columns[menu.column].name)}
          anchor={menu.anchor}
          onApply={applyFilter}
          onClear={() => {
            setFilters((fs) => fs.filter((f) => f.column !== columns[menu.column].name));
            setMenu(null);
          }}
          onClose={() => {
            // Back to the header's button, so the keyboard carries on where it was.
            menu.anchor.focus();
            setMenu(null);
          }}
        />
      )}
      {actions.dialog}
    </div>
  );
}
