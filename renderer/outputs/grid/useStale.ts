/**
 * Whether a grid's rows are from an earlier run: the output has no handle (opened from a file), or
 * the session no longer holds it (it was restarted or ended since). Asked once when the grid shows a
 * handle (an empty page costs nothing), and again when the session restarts or ends; a paging error
 * with the same meaning marks it too, so grey placeholder rows never wait forever.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FetchPage } from './FetchPage';
import { isGoneError, type ResultApi } from './useResultApi';

export function useStale(handle: string | undefined, fetchPage: FetchPage | null, api: ResultApi | null) {
  const [staleHandle, setStaleHandle] = useState<string | null>(null);
  const markGone = useCallback(
    (e: unknown) => {
      if (isGoneError(e) && handle) setStaleHandle(handle);
    },
    [handle],
  );

  useEffect(() => {
    if (!handle || !fetchPage) return;
    let live = true;
    const probe = () =>
      fetchPage(handle, 0, 0).catch((e: unknown) => {
        if (live && isGoneError(e)) setStaleHandle(handle);
      });
    void probe();
    const off = api?.onSessionStatus((status) => {
      // A restarted or ended process holds none of the old results.
      if (status === 'restarting' || status === 'dead') setStaleHandle(handle);
    });
    return () => {
      live = false;
      off?.();
    };
  }, [handle, fetchPage, api]);

  const stale = !handle || staleHandle === handle;
  return { stale, markGone };
}
