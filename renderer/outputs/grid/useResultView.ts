/**
 * The sorted and filtered view a grid shows: asks the session for a view whenever the sort or the
 * filters change, and answers which handle to page and how many rows it has. A slower answer to an
 * older request is dropped, so the grid always shows the latest choice.
 */
import { useEffect, useRef, useState } from 'react';
import type { ColumnFilter, SortKey } from '../../../kernel/protocol/results';
import type { ResultApi } from './useResultApi';

export interface ViewState {
  /** The handle to page: the result's own while it is neither sorted nor filtered. */
  handle: string | undefined;
  rowCount: number;
  pending: boolean;
  error: Error | null;
}

export function useResultView(
  api: ResultApi | null,
  base: string | undefined,
  baseRowCount: number,
  sort: SortKey[],
  filters: ColumnFilter[],
  enabled: boolean,
): ViewState {
  const [state, setState] = useState<ViewState>({ handle: base, rowCount: baseRowCount, pending: false, error: null });
  const asked = useRef(0);
  const plain = sort.length === 0 && filters.length === 0;

  useEffect(() => {
    const ask = ++asked.current;
    if (!api || !base || !enabled || plain) {
      // Only drop a view the session made (so a plain grid of a fresh result sends nothing).
      if (api && base && enabled && state.handle !== base) void api.view(base, [], []).catch(() => undefined);
      setState({ handle: base, rowCount: baseRowCount, pending: false, error: null });
      return;
    }
    setState((s) => ({ ...s, pending: true }));
    api.view(base, sort, filters).then(
      (v) => ask === asked.current && setState({ handle: v.handle, rowCount: v.rowCount, pending: false, error: null }),
      (e: Error) => ask === asked.current && setState((s) => ({ ...s, pending: false, error: e })),
    );
    // sort and filters are compared by content, so a re-render with equal arrays asks nothing.
  }, [api, base, baseRowCount, enabled, plain, JSON.stringify(sort), JSON.stringify(filters)]);

  // Unsorted and unfiltered, the result's own handle is known at once: a re-run (a live refresh)
  // shows its new rows in the same render, with no frame of the old ones.
  return plain || !enabled ? { handle: base, rowCount: baseRowCount, pending: false, error: null } : state;
}
