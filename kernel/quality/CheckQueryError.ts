/**
 * A check's SQL is Silt's own (a count over every rule, a probe per rule) built around the pieces the
 * analyst wrote: the target and the conditions. When DuckDB fails on it, the error keeps where its
 * caret fell among those pieces, so the cell can mark its own text instead of showing Silt's query.
 */
import { locateErrorContext, splitErrorContext } from '../engine/errorContext';
import { SqlError } from '../engine/SqlError';
import type { CheckSpan } from './expectationSql';

export interface CheckPlacing {
  /** DuckDB's message without its LINE and caret lines (which point into Silt's query). */
  detail: string;
  /** The piece the caret fell in and the offset in that piece (as run: shared names resolved), if it pointed into one. */
  at?: { piece: number; offset: number };
}

/** Where DuckDB's error about `ran` points among `spans`. */
export function placeCheckError(e: SqlError, ran: string, spans: readonly CheckSpan[]): CheckPlacing {
  const ctx = splitErrorContext(e.message);
  if (!ctx) return { detail: e.message };
  const offset = locateErrorContext(ran, ctx);
  // Inclusive end: a caret just past a condition (DuckDB's "syntax error at or near ")"") is still its.
  const span = offset === undefined ? undefined : spans.find((s) => offset >= s.at && offset <= s.at + s.length);
  return { detail: ctx.detail, ...(span ? { at: { piece: span.piece, offset: offset! - span.at } } : {}) };
}

/** DuckDB's failure on a check's query that no one rule's condition explains (the target, a value at run time). */
export class CheckQueryError extends SqlError {
  constructor(
    e: SqlError,
    readonly placing: CheckPlacing,
    /** The rule whose condition the caret fell in, if any: "Rule "x" (line 3)". */
    readonly rule?: string,
  ) {
    super(rule ? `${rule} cannot be checked: ${placing.detail}` : placing.detail, e.line, e.kind, e.at);
  }
}
