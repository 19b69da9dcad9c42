/** The catalog's Preview: the first rows of the selected table, asked for on demand and dropped when the table changes. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CatalogPreview } from '../../kernel/protocol/messages';
import type { KernelClient } from '../kernel-client/KernelClient';
import type { TableRef } from './tableRef';
import { codeOf } from './ProblemText';

/** Rows a preview shows: a screenful or two, read with a limit hint so it stays quick on big tables. */
export const PREVIEW_ROWS = 50;

export type PreviewState =
  { kind: 'none' } | { kind: 'loading' } | { kind: 'rows'; preview: CatalogPreview } | { kind: 'error'; message: string; code?: string };

export function useTablePreview(client: KernelClient, sessionId: string, table: TableRef) {
  const [state, setState] = useState<PreviewState>({ kind: 'none' });
  // Only the answer for the table shown now may land; a slow one for the previous table must not.
  const generation = useRef(0);

  useEffect(() => {
    generation.current++;
    setState({ kind: 'none' });
  }, [client, sessionId, table]);

  const load = useCallback(() => {
    const mine = ++generation.current;
    setState({ kind: 'loading' });
    client.request('catalog.preview', { sessionId, ...table, limit: PREVIEW_ROWS }).then(
      (preview) => mine === generation.current && setState({ kind: 'rows', preview }),
      (e: Error) => mine === generation.current && setState({ kind: 'error', message: e.message, code: codeOf(e) }),
    );
  }, [client, sessionId, table]);

  const close = useCallback(() => {
    generation.current++;
    setState({ kind: 'none' });
  }, []);

  return { state, load, close };
}
