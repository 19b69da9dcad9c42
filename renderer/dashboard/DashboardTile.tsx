/**
 * One tile: a markdown cell's prose, or a code cell's outputs without its code, with a footer that
 * says which version of which live table the data came from and when that version was committed
 * (its files' commit time: 'landed' would claim it arrived here then).
 */
import { useMemo } from 'react';
import { tileOutputs, type Tile } from '../../common/dashboard/dashboardTiles';
import { kpiValues } from '../../common/dashboard/kpiValues';
import type { Cell } from '../../kernel/protocol/notebook';
import { renderMarkdown } from '../cells/renderMarkdown';
import { ago } from '../live/formatLive';
import { ErrorView } from '../outputs/ErrorView';
import { Grid, type FetchPage } from '../outputs/Grid';
import { RichView } from '../outputs/RichView';
import { StreamView } from '../outputs/StreamView';
import { KpiFigures } from './KpiFigures';
import type { TileStamp } from './useTileStamps';

export interface TileState {
  running: boolean;
  /** The cell ran in this dashboard's session (else its outputs are the ones saved in the file). */
  ran: boolean;
  stamps: TileStamp[];
  /** The live tables it depends on. */
  tables: string[];
  now: number;
}

export function DashboardTile({ tile, cell, state, fetchPage }: { tile: Tile; cell: Cell; state: TileState; fetchPage: FetchPage }) {
  if (tile.kind === 'heading') {
    return (
      <h2 className={`dash-heading dash-heading-${Math.min(tile.level, 3)}`} data-testid="dash-heading" data-cell-id={tile.id}>
        {tile.text}
      </h2>
    );
  }
  if (tile.kind === 'markdown') return <MarkdownTile id={tile.id} source={tile.source} />;
  if (cell.type !== 'code') return null;
  return (
    <section
      className={`dash-tile${tile.wide ? ' dash-tile-wide' : ''}${tile.chart ? ' dash-tile-chart' : ''}${state.running ? ' dash-tile-running' : ''}`}
      data-testid="dash-tile"
      data-cell-id={tile.id}
      data-kind="outputs"
      aria-busy={state.running}
    >
      <div className="dash-tile-body">
        {tileOutputs(cell.outputs).map((o, i) => {
          switch (o.kind) {
            case 'table': {
              const kpis = kpiValues(o);
              return kpis ? (
                <KpiFigures key={`k${i}`} kpis={kpis} />
              ) : (
                <Grid key={`t${i}`} output={o} fetchPage={o.handle ? fetchPage : null} />
              );
            }
            case 'rich':
              return <RichView key={i} output={o} />;
            case 'stream':
              return <StreamView key={i} output={o} />;
            case 'error':
              return <ErrorView key={i} output={o} source={cell.source} />;
          }
        })}
      </div>
      <TileFooter state={state} />
    </section>
  );
}

function MarkdownTile({ id, source }: { id: string; source: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return (
    <section className="dash-tile dash-tile-markdown" data-testid="dash-tile" data-cell-id={id} data-kind="markdown">
      <div className="markdown-rendered" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}

/** Truthful about the data's age: the version it was computed from, or that it is the saved copy. */
function TileFooter({ state }: { state: TileState }) {
  const { running, ran, stamps, tables, now } = state;
  if (!running && ran && tables.length === 0) return null;
  return (
    <footer className="dash-tile-footer" data-testid="dash-tile-stamp">
      {ran &&
        stamps.map((s) => (
          <span key={s.table} className="dash-stamp" data-table={s.table} data-version={s.version}>
            <span className="dash-stamp-table">{s.table}</span> <span className="dash-stamp-version">v{s.version}</span> ·{' '}
            {s.landedAt !== undefined ? `committed ${ago(s.landedAt, now)}` : 'commit time unknown'}
          </span>
        ))}
      {!ran && !running && <span className="dash-stamp">saved output, not yet refreshed</span>}
      {running && (
        <span className="dash-updating" data-testid="dash-updating">
          updating…
        </span>
      )}
    </footer>
  );
}
