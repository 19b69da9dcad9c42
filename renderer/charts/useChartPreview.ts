/** Asks the session to draw the builder's spec, a moment after the last change, dropping stale answers. */
import { useEffect, useRef, useState } from 'react';
import type { ChartSpec } from '../../kernel/protocol/charts';
import { useNotebookActions } from '../notebook/NotebookContext';

export interface ChartPreview {
  svg: string | null;
  note: string | null;
  /** The cell code for the spec as it is now; null while that is being drawn or when it failed. */
  code: string | null;
  error: string | null;
  loading: boolean;
}

const DEBOUNCE_MS = 150;

interface Drawn {
  key: string;
  svg: string | null;
  note: string | null;
  code: string | null;
  error: string | null;
}

export function useChartPreview(handle: string, spec: ChartSpec): ChartPreview {
  // The notebook's actions object may be rebuilt on any render; only a new spec should redraw.
  const latest = useNotebookActions();
  const actions = useRef(latest);
  actions.current = latest;
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const key = JSON.stringify(spec);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const { client, sessionId } = actions.current;
      const id = sessionId();
      const done = (d: Omit<Drawn, 'key'>) => current && setDrawn({ key, ...d });
      if (!id) return done({ svg: null, note: null, code: null, error: 'The notebook has no running session.' });
      client
        .request('chart.render', { sessionId: id, handle, spec: JSON.parse(key) as ChartSpec, width: 640, height: 400, theme: 'light' })
        .then((r) => done({ svg: r.svg, note: r.note ?? null, code: r.code, error: null }))
        .catch((e: Error) => done({ svg: null, note: null, code: null, error: e.message }));
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [handle, key]);
  const fresh = drawn?.key === key;
  return {
    // The last chart stays up (dimmed) while the next one is drawn.
    svg: drawn?.svg ?? null,
    note: drawn?.note ?? null,
    code: fresh ? drawn.code : null,
    error: fresh ? drawn.error : null,
    loading: !fresh,
  };
}
