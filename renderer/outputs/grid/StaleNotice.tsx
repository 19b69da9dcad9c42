/** Shown on a grid whose rows the session no longer holds: they are from an earlier run. */
export function StaleNotice({ onRun }: { onRun?: () => void }) {
  return (
    <div className="grid-stale" role="status" data-testid="grid-stale">
      <span>These rows are from an earlier run — Run the cell to page, sort and filter them</span>
      {onRun && (
        <button type="button" className="btn btn-small" data-testid="grid-stale-run" onClick={onRun}>
          Run
        </button>
      )}
    </div>
  );
}
