/**
 * A check's target and conditions with their shared names resolved, read as one statement
 * (`SELECT (c1), (c2) FROM target`), as an analyst would write them in a SQL cell: a condition may
 * then qualify a column by the target's shared name (`demo.silver.orders.amount > 0`), and the target
 * is resolved once for all the rules.
 */
import type { RefEdit } from '../sharing/findSharedRefs';

/** A piece resolved, and the rewrite's edits in offsets of the piece as written. */
export interface ResolvedPiece {
  sql: string;
  edits: RefEdit[];
}

export async function resolveCheck(
  /** The session's resolution of a statement's shared names (QualityContext.resolveMapped). */
  resolveMapped: (sql: string) => Promise<ResolvedPiece>,
  target: string,
  conditions: readonly string[],
): Promise<{ target: ResolvedPiece; conditions: ResolvedPiece[] }> {
  let statement = 'SELECT ';
  const spans = conditions.map((c, i) => {
    statement += i > 0 ? ', (' : '(';
    const at = statement.length;
    statement += `${c})`;
    return { at, length: c.length };
  });
  statement += conditions.length > 0 ? ' FROM ' : '* FROM ';
  spans.push({ at: statement.length, length: target.length });
  statement += target;
  const { sql, edits } = await resolveMapped(statement);
  // An offset of the statement as written, in the statement as resolved: no edit spans two pieces.
  const ahead = (offset: number) =>
    offset + edits.filter((e) => e.end <= offset).reduce((n, e) => n + e.text.length - (e.end - e.start), 0);
  const pieces = spans.map(({ at, length }) => ({
    sql: sql.slice(ahead(at), ahead(at + length)),
    edits: edits.filter((e) => e.start >= at && e.end <= at + length).map((e) => ({ ...e, start: e.start - at, end: e.end - at })),
  }));
  return { target: pieces[pieces.length - 1], conditions: pieces.slice(0, -1) };
}
