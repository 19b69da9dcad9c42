/**
 * The table the Train dialog inspects, kept between its `automl.columns` requests, so that choosing
 * another target re-profiles the rows in memory instead of reading the whole table again (a query
 * over a result, or a shared table resolved and scanned). One entry per session, as the dialog shows
 * one source; it is used only while the source is provably the one read:
 * - a result (handle): no run has ended or is going since it was read. Only runs (cells, live
 *   re-runs) write a session's tables, so the same run history means the same rows.
 * - a shared table: the server's version (its cheap /version call) is the one read. A live table is
 *   never kept: its local copy moves on by itself, between runs.
 * The rows go when a search starts (it reads its own copy) or after a while unused, so a dialog left
 * open does not hold a table's copy.
 */
import type { AutoMLTable } from '../automl';
import type { AutomlSource } from '../protocol/automl';
import type { KnownTable } from './sharing/findSharedRefs';
import type { Session } from './Session';

/** How long an unused entry is kept. */
const KEEP_MS = 5 * 60_000;

interface Entry {
  key: string;
  version: string;
  table: AutoMLTable;
  timer: ReturnType<typeof setTimeout>;
}

const entries = new WeakMap<Session, Entry>();

/** The source's rows: kept ones when their version still holds, else `load()`'s (kept when it can be). */
export async function inspectedSource(
  s: Session,
  source: AutomlSource,
  shared: KnownTable | null,
  load: () => Promise<AutoMLTable>,
): Promise<AutoMLTable> {
  const key = JSON.stringify(source);
  const version = await sourceVersion(s, shared);
  const kept = entries.get(s);
  if (kept && version !== null && kept.key === key && kept.version === version) {
    kept.timer.refresh();
    return kept.table;
  }
  forgetInspected(s);
  const table = await load();
  // A run that started or ended while the rows were read may have changed them: do not keep those.
  if (version !== null && (shared !== null || (await sourceVersion(s, shared)) === version)) {
    const timer = setTimeout(() => forgetInspected(s), KEEP_MS);
    timer.unref();
    entries.set(s, { key, version, table, timer });
  }
  return table;
}

/** What the rows read now depend on; null when they cannot be known to stay (a run going, a live table). */
async function sourceVersion(s: Session, shared: KnownTable | null): Promise<string | null> {
  if (shared === null) return s.running('user') || s.running('live') ? null : `runs ended ${s.lastActivity}`;
  if (s.shared.liveSource?.(shared) !== undefined) return null;
  const version = await s.shared
    .client(shared.profile)
    .tableVersion({ share: shared.share, schema: shared.schema, table: shared.table })
    .catch(() => null);
  return version === null ? null : `version ${version}`;
}

/** Lets the kept rows go (a search starts and reads its own copy, or they went unused). */
export function forgetInspected(s: Session): void {
  const kept = entries.get(s);
  if (!kept) return;
  clearTimeout(kept.timer);
  entries.delete(s);
}
