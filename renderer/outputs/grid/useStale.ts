/**
 * Whether a grid's rows are from an earlier run: the output has no handle (opened from a file), the
 * session no longer holds it (it was restarted or ended since), or later SQL changed or dropped the
 * table the result lives in (the session says so with `result.changed`, and pages of it answer
 * `conflict`). Asked once when the grid shows a handle (an empty page costs nothing), and again when
 * the session restarts or ends; a paging error with the same meaning marks it too, so grey placeholder
 * rows never wait forever. `why` is the session's own words when it said why.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FetchPage } from './FetchPage';
import { isGoneError, type ResultApi } from './useResultApi';

interface Marked {
  handle: string;
  why: string | null;
}

export function useStale(handle: string | undefined, fetchPage: FetchPage | null, api: ResultApi | null) {
  const [marked, setMarked] = useState<Marked | null>(null);
  const markGone = useCallback(
    (e: unknown) => {
      if (!handle) return;
      if (isGoneError(e)) setMarked({ handle, why: null });
      else if ((e as { code?: string } | null)?.code === 'conflict') setMarked({ handle, why: (e as Error).message });
    },
    [handle],
  );

  useEffect(() => {
    if (!handle || !fetchPage) return;
    let live = true;
    const probe = () => fetchPage(handle, 0, 0).catch((e: unknown) => live && markGone(e));
    void probe();
    const offStatus = api?.onSessionStatus((status) => {
      // A restarted or ended process holds none of the old results.
      if (status === 'restarting' || status === 'dead') setMarked({ handle, why: null });
    });
    const offChanged = api?.onResultChanged((changed, why) => {
      if (changed === handle) setMarked({ handle, why });
    });
    return () => {
      live = false;
      offStatus?.();
      offChanged?.();
    };
  }, [handle, fetchPage, api, markGone]);

  const stale = !handle || marked?.handle === handle;
  return { stale, why: marked && marked.handle === handle ? marked.why : null, markGone };
}
