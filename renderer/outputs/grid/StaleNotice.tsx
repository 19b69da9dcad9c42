/**
 * Shown on a grid whose rows are from an earlier run: the session no longer holds them, or (`why`,
 * in the session's words) later SQL changed or dropped the table they live in.
 */
export function StaleNotice({ why, onRun }: { why?: string | null; onRun?: () => void }) {
  return (
    <div className="grid-stale" role="status" data-testid="grid-stale">
      <span>{why ?? 'These rows are from an earlier run — Run the cell to page, sort and filter them'}</span>
      {onRun && (
        <button type="button" className="btn btn-small" data-testid="grid-stale-run" onClick={onRun}>
          Run
        </button>
      )}
    </div>
  );
}
