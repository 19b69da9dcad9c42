/** The session's answers to the live.* requests. */
import type { LiveCell, LiveRequests } from '../../protocol/live';
import type { Handlers } from '../Handlers';
import type { SharedTables } from '../sharing/SharedTables';
import { cellNames } from '../../../common/live/planLiveRuns';
import { formatProfileTableName, formatTableName } from '../../../common/tableName';

/** The shared tables each cell names directly, as `share.schema.table`. */
export async function sharedRefsOf(shared: SharedTables, cells: LiveCell[]): Promise<Record<string, string[]>> {
  const known = await shared.tables().catch(() => []);
  const labels = known.map((k) => ({ label: formatTableName(k), full: formatProfileTableName(k).toLowerCase() }));
  const out: Record<string, string[]> = {};
  for (const cell of cells) {
    const uses = new Set(cellNames(cell).uses.map((u) => u.toLowerCase()));
    const named = labels.filter((l) => uses.has(l.label.toLowerCase()) || uses.has(l.full)).map((l) => l.label);
    if (named.length > 0) out[cell.id] = [...new Set(named)];
  }
  return out;
}

export const liveHandlers: Handlers<keyof LiveRequests> = {
  'live.start': (s, p) => s.live.start(p.table, p.intervalMs),
  'live.pause': (s, p) => s.live.pause(p.table),
  'live.resume': (s, p) => s.live.resume(p.table),
  'live.stop': async (s, p) => {
    await s.live.stop(p.table);
    return { ok: true };
  },
  'live.list': async (s) => ({ tables: s.live.list() }),
  'live.refs': async (s, p) => ({ refs: await sharedRefsOf(s.shared, p.cells) }),
  'live.claim': async (s, p) => s.live.claim(p.versions),
};
