/**
 * Which versions of the live tables each tile's data came from. When a cell starts running, the
 * versions of the tables it depends on are noted; when the run ends, they become its tile's stamp.
 * Noted at the start, not the end: a version landing during the run may or may not have been read,
 * so the stamp never claims data newer than it is (that version's own re-run follows).
 */
import { useEffect, useRef, useState } from 'react';
import type { LiveEntry } from '../live/useLive';

export interface TileStamp {
  table: string;
  version: number;
  landedAt?: number;
}

export function useTileStamps(
  running: Record<string, true>,
  dependents: Record<string, string[]>,
  tables: Record<string, LiveEntry>,
): { stamps: Record<string, TileStamp[]>; ran: Set<string> } {
  const [state, setState] = useState<{ stamps: Record<string, TileStamp[]>; ran: Set<string> }>({ stamps: {}, ran: new Set() });
  const atStart = useRef<Record<string, TileStamp[]>>({});
  const before = useRef<Record<string, true>>({});
  const latest = useRef({ dependents, tables });
  latest.current = { dependents, tables };

  useEffect(() => {
    const { dependents: deps, tables: ts } = latest.current;
    for (const id of Object.keys(running)) {
      if (before.current[id]) continue;
      atStart.current[id] = (deps[id] ?? []).flatMap((t) =>
        ts[t] ? [{ table: t, version: ts[t].version, landedAt: ts[t].landedAt }] : [],
      );
    }
    const finished = Object.keys(before.current).filter((id) => !running[id]);
    before.current = running;
    if (finished.length === 0) return;
    setState((s) => ({
      stamps: { ...s.stamps, ...Object.fromEntries(finished.map((id) => [id, atStart.current[id] ?? []])) },
      ran: new Set([...s.ran, ...finished]),
    }));
  }, [running]);

  return state;
}
