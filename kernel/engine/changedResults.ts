/**
 * After a run, the results whose tables that run changed underneath them: a named cell's table that a
 * later `UPDATE`, `DELETE`, `INSERT`, `MERGE`, `COPY ... FROM`, `CREATE OR REPLACE`, `ALTER`, in-place
 * `DROP ROW` or `DROP TABLE` touched. Their grids still show the rows and the count the cell produced,
 * and paging would read other rows or other values than the first page showed; so each such result is
 * marked (its pages answer `conflict`) and returned, for the session to tell the window.
 *
 * Only tables that the run's statements may have changed are looked at (WriteWatch, told by each
 * statement's type and target): after a run that only read, the look makes no query at all. A table
 * is compared by content, not only by row count: its fingerprint (tableFingerprint) from before the
 * first statement that may have changed it against one now, so an UPDATE that keeps the count, or
 * rows deleted and as many added, is caught. A table whose "before" is not known (a statement outside
 * the engine's watch changed it) is compared by row count, as before.
 */
import { formatRowCount } from '../../common/formatRowCount';
import type { DuckEngine, NamedResult } from './DuckEngine';
import { sameFingerprint, type Fingerprint } from './tableFingerprint';

export interface ChangedResult {
  handle: string;
  /** For the grid, e.g. "orders changed after this cell ran: it now has 90 rows, not 100. These are …". */
  message: string;
}

export async function changedResults(engine: DuckEngine): Promise<ChangedResult[]> {
  const out: ChangedResult[] = [];
  const read = engine.writes.take(engine.namedResults());
  try {
    for (const r of read) {
      const message = await whatChanged(engine, r);
      if (message && engine.markChanged(r, message)) out.push({ handle: r.handle, message });
    }
  } finally {
    engine.writes.looked(read);
  }
  return out;
}

/** What the grid of `r` must say now, or null when its table holds what the cell made. */
async function whatChanged(engine: DuckEngine, r: NamedResult): Promise<string | null> {
  // A fingerprint that cannot be taken now (a column type DuckDB cannot hash) leaves the row count to tell.
  const before = engine.writes.fingerprintBefore(r);
  const now = before ? await engine.fingerprintNow(r.table).catch(() => undefined) : undefined;
  const rows = now !== undefined ? (now?.rows ?? null) : await engine.countNow(r.table);
  // Running the cell again makes the table again from its query, undoing the later change: the words
  // say so rather than inviting a re-run as the way to "see" the change.
  const guidance = `These are the rows the cell made; query ${r.table} to see it as it is now, or Run to make it again.`;
  if (rows === null) return `${r.table} was dropped after this cell ran. These are the rows the cell made; Run makes the table again.`;
  if (rows !== r.rowCount) {
    return `${r.table} changed after this cell ran: it now has ${formatRowCount(rows)}, not ${r.rowCount.toLocaleString('en-US')}. ${guidance}`;
  }
  if (!before || !now || sameFingerprint(before, now)) return null;
  // Rowids are not reused: rows deleted and others added leave a higher last rowid than an UPDATE does.
  const how =
    columnChange(before, now) ??
    (now.lastRowid === before.lastRowid ? 'its rows were updated' : 'some of its rows were deleted and others added');
  return `${r.table} changed after this cell ran: ${how} (it still has ${formatRowCount(rows)}). ${guidance}`;
}

/** How an ALTER changed the columns, e.g. "column region was added", or null when they are the same. */
function columnChange(before: Fingerprint, now: Fingerprint): string | null {
  const had = new Set(before.columns.map((c) => c.name));
  const has = new Set(now.columns.map((c) => c.name));
  const added = now.columns.filter((c) => !had.has(c.name)).map((c) => c.name);
  const removed = before.columns.filter((c) => !has.has(c.name)).map((c) => c.name);
  const told = (names: string[], what: string) =>
    names.length === 1 ? `column ${names[0]} was ${what}` : `columns ${names.join(', ')} were ${what}`;
  const parts = [...(added.length ? [told(added, 'added')] : []), ...(removed.length ? [told(removed, 'removed')] : [])];
  if (parts.length > 0) return parts.join(' and ');
  return JSON.stringify(before.columns) === JSON.stringify(now.columns) ? null : 'the types of its columns were changed';
}
