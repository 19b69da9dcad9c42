/**
 * A code cell's live controls in its header: a Live switch when the cell names shared tables, and
 * when a live table feeds it, a badge (pulsing dot, table version) and its auto/manual re-run switch.
 */
import type { CodeCell } from '../../kernel/protocol/notebook';
import { useLiveTables } from './LiveContext';
import { LiveDot } from './LiveStrip';

export function CellLiveControls({ cell }: { cell: CodeCell }) {
  const live = useLiveTables();
  if (!live) return null;
  const named = live.refs[cell.id] ?? [];
  const feeding = (live.dependents[cell.id] ?? []).map((t) => live.tables[t]).filter(Boolean);
  const manual = cell.live === 'manual';
  const on = cell.live === 'auto' || (named.length > 0 && named.every((t) => live.tables[t]));
  return (
    <>
      {feeding.length > 0 && (
        <span
          className={`live-badge${manual ? ' live-badge-manual' : ''}`}
          data-testid="live-badge"
          title={feeding.map((t) => `${t.table} v${t.version} (${t.state})`).join('\n')}
        >
          <LiveDot state={manual ? 'paused' : feeding.some((t) => t.state === 'error') ? 'error' : feeding[0].state} />
          <span data-testid="live-badge-version">v{feeding.map((t) => t.version).join(', v')}</span>
          <button
            className="live-mode"
            data-testid="live-mode"
            title={
              manual
                ? 'Re-run by hand only; click to re-run when the table changes'
                : 'Re-runs when the table changes; click to re-run by hand only'
            }
            onClick={() => live.setManual(cell.id, !manual)}
          >
            {manual ? 'manual' : 'auto'}
          </button>
        </span>
      )}
      {named.length > 0 && (
        <button
          className={`live-toggle${on ? ' on' : ''}`}
          data-testid="cell-live-toggle"
          aria-pressed={on}
          title={on ? `Stop keeping ${named.join(', ')} live` : `Keep ${named.join(', ')} live: re-run this cell as new versions land`}
          onClick={() => live.toggleCell(cell.id)}
        >
          Live
        </button>
      )}
    </>
  );
}
