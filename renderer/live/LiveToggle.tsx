/** The catalog's switch for one shared table: keep it live, or stop. */
import { useLiveTables } from './LiveContext';
import { LiveDot } from './LiveStrip';

export function LiveToggle({ table }: { table: string }) {
  const live = useLiveTables();
  if (!live) return null;
  // A table shown stopped (after a restart) is not live: the switch starts it again.
  const entry = live.tables[table]?.state === 'stopped' ? undefined : live.tables[table];
  return (
    <button
      className={`btn live-toggle-btn${entry ? ' on' : ''}`}
      data-testid="catalog-live"
      aria-pressed={Boolean(entry)}
      title={entry ? `Live at v${entry.version}; click to stop` : 'Keep this table current: poll it and apply new versions as they land'}
      onClick={() => (entry ? live.stop(table) : live.start(table))}
    >
      {entry && <LiveDot state={entry.state} />}
      {entry ? `Live · v${entry.version}` : 'Live'}
    </button>
  );
}
