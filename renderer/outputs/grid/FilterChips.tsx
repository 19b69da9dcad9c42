/** The active filters above the grid, each removable, and "Clear all" when there are several. */
import type { ColumnFilter } from '../../../kernel/protocol/results';
import { filterLabel } from './filterLabel';

export function FilterChips({ filters, onRemove, onClear }: { filters: ColumnFilter[]; onRemove(i: number): void; onClear(): void }) {
  if (filters.length === 0) return null;
  return (
    <div className="grid-chips" data-testid="grid-filter-chips">
      {filters.map((f, i) => (
        <span className="grid-chip" key={i} data-testid="grid-filter-chip">
          <span className="grid-chip-text">{filterLabel(f)}</span>
          <button type="button" className="grid-chip-remove" aria-label={`Remove filter ${filterLabel(f)}`} onClick={() => onRemove(i)}>
            ×
          </button>
        </span>
      ))}
      {filters.length > 1 && (
        <button type="button" className="btn btn-ghost btn-small" onClick={onClear}>
          Clear all
        </button>
      )}
    </div>
  );
}
