/**
 * A notebook as a static dashboard page (`silt run --to html --layout dashboard`): the tiles of the
 * dashboard view (common/dashboard/dashboardTiles) in the same responsive grid, without code, each
 * tile saying which table versions its data came from. Self-contained and script-free like every
 * HTML report (same Content-Security-Policy), in light or dark as the reader's system prefers.
 */
import { dashboardTiles, tileOutputs, type Tile } from '../../common/dashboard/dashboardTiles';
import { kpiValues } from '../../common/dashboard/kpiValues';
import type { NotebookModel, Output } from '../protocol';
import { escapeHtml } from './escapeHtml';
import { markdownToHtml } from './markdownToHtml';
import { outputHtml } from './outputHtml';
import { REPORT_CSS } from './reportStyles';
import { reportPage } from './reportPage';
import { bodyCells, reportHeader, type ReportOptions } from './reportOptions';

/** The versions of live tables a tile's data came from. */
export interface TileStamp {
  table: string;
  version: number;
  landedAt?: number;
}

export interface DashboardOptions extends ReportOptions {
  /** Cell id → the table versions its outputs were computed from. */
  stamps?: ReadonlyMap<string, TileStamp[]>;
}

const DASHBOARD_CSS = `
:root { color-scheme: light dark; --tile: #fff; --page: #f4f6f8; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #dfe3ea; --muted: #a0a8b6; --line: #30343e; --code-bg: #23262e; --accent: #5b93f5; --tile: #1e2128; --page: #16181d; }
  th { background: #2a2e37; }
  pre.stream, pre.rich-text { background: #23262e; }
  pre.error { background: #3a2223; color: #f6b4ae; }
  img.chart { background: #fff; border-radius: 4px; }
}
body { background: var(--page); }
main.dashboard { max-width: none; padding: 20px 24px 40px; }
.dash-wrap { container-type: inline-size; }
.dash-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 380px), 1fr)); gap: 14px; align-items: stretch; }
.dash-heading { grid-column: 1 / -1; margin: 8px 0 -4px; }
.dash-heading h2, .dash-heading h3 { margin: 0; }
.tile { display: flex; flex-direction: column; background: var(--tile); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px 10px; min-width: 0; overflow: hidden; }
.tile .outputs { flex: 1; }
.tile.wide { grid-column: 1 / -1; }
@container (min-width: 820px) { .tile.chart { grid-column: span 2; } }
.tile.chart img.chart { width: 100%; }
.kpis { display: flex; flex-wrap: wrap; gap: 14px 32px; margin: 4px 0; }
.kpis dt { color: var(--muted); font-size: 12px; font-weight: 600; letter-spacing: 0.03em; text-transform: uppercase; }
.kpis dd { margin: 2px 0 0; font-size: 30px; font-weight: 650; line-height: 1.2; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.tile .markdown > :first-child { margin-top: 0; }
.tile .outputs > * { margin: 0 0 8px; }
.tile .table-wrap { max-height: 420px; overflow: auto; }
@media print {
  .tile, .dash-heading { break-inside: avoid; }
  .dash-heading { break-after: avoid; }
  .tile.chart img.chart { width: auto; max-width: 100%; max-height: 120mm; }
}
.tile-stamp { margin-top: 10px; padding-top: 6px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
`;

export function renderDashboardHtml(nb: NotebookModel, opts: DashboardOptions = {}): string {
  const head = reportHeader(nb, opts);
  const byCell = new Map(nb.cells.map((c) => [c.id, c]));
  // The notebook's opening heading is the page's title: not a second time as a tile.
  const tiles = dashboardTiles(bodyCells(nb, head.title)).map((t) => tileHtml(t, byCell.get(t.id)!, opts.stamps?.get(t.id)));
  const byline = [head.author, `as of ${new Date().toISOString().slice(0, 19).replace('T', ' ')} UTC`]
    .filter(Boolean)
    .map((s) => escapeHtml(s!))
    .join(' · ');
  const body = `<div class="dash-wrap"><div class="dash-grid">\n${tiles.join('\n')}\n</div></div>`;
  return reportPage({ title: head.title, byline, css: REPORT_CSS + DASHBOARD_CSS, mainClass: 'dashboard', body });
}

function tileHtml(tile: Tile, cell: NotebookModel['cells'][number], stamps: TileStamp[] | undefined): string {
  const id = ` data-cell-id="${escapeHtml(tile.id)}"`;
  switch (tile.kind) {
    case 'heading': {
      const level = Math.min(Math.max(tile.level, 2), 3);
      return `<div class="dash-heading"${id}><h${level}>${escapeHtml(tile.text)}</h${level}></div>`;
    }
    case 'markdown':
      return `<section class="tile markdown"${id}>\n${markdownToHtml(tile.source)}</section>`;
    case 'outputs': {
      const outputs = cell.type === 'code' ? tileOutputs(cell.outputs).map(tileOutputHtml).join('\n') : '';
      const stamp = stamps?.length
        ? `<div class="tile-stamp">${stamps.map((s) => escapeHtml(`${s.table} v${s.version}${committed(s.landedAt)}`)).join(' · ')}</div>`
        : '';
      const classes = ['tile', ...(tile.wide ? ['wide'] : []), ...(tile.chart ? ['chart'] : [])].join(' ');
      return `<section class="${classes}"${id}>\n<div class="outputs">${outputs}</div>${stamp}</section>`;
    }
  }
}

/** A one-row table as figures, as the dashboard view shows it; anything else as in a report. */
function tileOutputHtml(o: Output): string {
  const kpis = o.kind === 'table' ? kpiValues(o) : null;
  if (!kpis) return outputHtml(o);
  const figures = kpis.map((k) => `<div><dt>${escapeHtml(k.label)}</dt><dd>${escapeHtml(k.value)}</dd></div>`).join('');
  return `<dl class="kpis">${figures}</dl>`;
}

function committed(at: number | undefined): string {
  return at === undefined ? '' : `, committed ${new Date(at).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
