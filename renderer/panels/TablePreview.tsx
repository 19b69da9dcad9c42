/** The first rows of a shared table inside the catalog panel: a read-only grid, nothing added to the notebook. */
import { Grid } from '../outputs/Grid';
import type { PreviewState } from './useTablePreview';
import { ProblemText } from './ProblemText';

export function TablePreview({ state, onClose }: { state: PreviewState; onClose(): void }) {
  if (state.kind === 'none') return null;
  return (
    <div className="catalog-preview" data-testid="catalog-preview-pane" aria-label="Preview">
      <div className="catalog-preview-head">
        <span>{state.kind === 'rows' ? `First rows · v${state.preview.version}` : 'Preview'}</span>
        <button
          className="tb-btn tb-icon"
          data-testid="catalog-preview-close"
          title="Close the preview"
          aria-label="Close the preview"
          onClick={onClose}
        >
          ×
        </button>
      </div>
      {state.kind === 'loading' && <div className="catalog-muted">Reading the first rows…</div>}
      {state.kind === 'error' && (
        <div className="catalog-problem catalog-error" data-testid="catalog-preview-error">
          <ProblemText code={state.code} message={state.message} />
        </div>
      )}
      {state.kind === 'rows' && (
        <div data-testid="catalog-preview-grid">
          <Grid
            output={{ kind: 'table', rowCount: state.preview.rows.length, columns: state.preview.columns, rows: state.preview.rows }}
            fetchPage={null}
          />
        </div>
      )}
    </div>
  );
}
