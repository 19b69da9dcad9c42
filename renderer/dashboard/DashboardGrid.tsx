/** The tiles in a responsive grid: as many columns as fit, each at least 380 px (one on a narrow window). */
import { useMemo } from 'react';
import { dashboardTiles } from '../../common/dashboard/dashboardTiles';
import { tableDependents } from '../../common/live/watchedTables';
import type { Cell } from '../../kernel/protocol/notebook';
import { liveCells, type LiveEntry } from '../live/useLive';
import { useNow } from '../live/useNow';
import type { FetchPage } from '../outputs/Grid';
import { DashboardTile } from './DashboardTile';
import { useTileStamps } from './useTileStamps';

interface Props {
  cells: Cell[];
  running: Record<string, true>;
  tables: Record<string, LiveEntry>;
  fetchPage: FetchPage;
}

export function DashboardGrid({ cells, running, tables, fetchPage }: Props) {
  const now = useNow();
  const tiles = useMemo(() => dashboardTiles(cells), [cells]);
  const tableNames = Object.keys(tables).sort().join('\n');
  const cellKey = useMemo(() => JSON.stringify(liveCells(cells)), [cells]);
  const dependents = useMemo(() => tableDependents(JSON.parse(cellKey), tableNames ? tableNames.split('\n') : []), [cellKey, tableNames]);
  const { stamps, ran } = useTileStamps(running, dependents, tables);
  const byId = useMemo(() => new Map(cells.map((c) => [c.id, c])), [cells]);
  // When a version landed may be learnt after the run that read it: look it up by version then.
  const stampsOf = (id: string) =>
    (stamps[id] ?? []).map((s) =>
      s.landedAt !== undefined || tables[s.table]?.version !== s.version ? s : { ...s, landedAt: tables[s.table].landedAt },
    );
  if (tiles.length === 0) {
    return <p className="dash-empty">This notebook has nothing to show yet: no markdown and no outputs.</p>;
  }
  return (
    <div className="dash-grid" data-testid="dash-grid">
      {tiles.map((t) => (
        <DashboardTile
          key={t.id}
          tile={t}
          cell={byId.get(t.id)!}
          fetchPage={fetchPage}
          state={{ running: Boolean(running[t.id]), ran: ran.has(t.id), stamps: stampsOf(t.id), tables: dependents[t.id] ?? [], now }}
        />
      ))}
    </div>
  );
}
