import { SiltError } from '../../common/SiltError';
import { hideInternalNames } from './hideInternalNames';
import { lineColumnAt, locateErrorContext, renderErrorContext, splitErrorContext } from './errorContext';

/** A SQL failure the user can act on: DuckDB's message, and the line in the cell where it points. */
export class SqlError extends SiltError {
  override name = 'SqlError';
  constructor(
    message: string,
    readonly line?: number,
    readonly kind: string = 'SQL error',
    /** Where DuckDB pointed, when it did: the offset in the cell, its column, and the message without the LINE and caret lines. */
    readonly at?: { offset: number; column: number; detail: string },
  ) {
    super(kind === 'Interrupted' ? 'cancelled' : 'bad-request', message);
  }
}

/** The statement DuckDB failed on: the text it was given, and the cell offset that text's first character stands for. */
export interface FailedStatement {
  cell: string;
  ran: string;
  /** Offset in `cell` of `ran`'s first character; less than the statement's start when Silt wrapped it (CREATE TABLE AS). */
  start: number;
  /** The cell line the statement starts on, for a message that points nowhere. */
  line: number;
}

/** `st` of `cell` as DuckDB ran it: `ran` is its text, or Silt's wrapping of it ending with that text (CREATE TABLE AS …). */
export function failedStatement(cell: string, st: { text: string; start: number; line: number }, ran = st.text): FailedStatement {
  return { cell, ran, start: st.start - (ran.length - st.text.length), line: st.line };
}

/**
 * DuckDB reports positions per statement ("LINE 1: ..."); the cell may hold several statements, so
 * the position is moved to the cell, and the LINE and caret lines are written for the cell's own text
 * and line numbers. A message without a caret keeps its words and marks its statement's line.
 */
export function toSqlError(e: unknown, where: number | FailedStatement): SiltError {
  // Silt's own refusal (a closing session), not DuckDB's: keep its code.
  if (e instanceof SiltError) return e;
  const raw = e instanceof Error ? e.message : String(e);
  const kind = /^([A-Za-z ]+ Error):/.exec(raw)?.[1] ?? 'SQL error';
  const interrupted = /INTERRUPT/i.test(raw);
  const message = hideInternalNames(raw.startsWith(`${kind}: `) ? raw.slice(kind.length + 2) : raw);
  // An interrupted query stopped where it was, not at a line at fault: no line is marked.
  if (interrupted) return new SqlError('The query was interrupted.', undefined, 'Interrupted');
  const statementLine = typeof where === 'number' ? where : where.line;
  const m = /LINE (\d+):/.exec(raw);
  const line = m ? statementLine + Number(m[1]) - 1 : statementLine;
  const ctx = splitErrorContext(message);
  const found = ctx && typeof where !== 'number' ? locateErrorContext(where.ran, ctx) : undefined;
  if (ctx === undefined || found === undefined || typeof where === 'number') return new SqlError(message, line, kind);
  const offset = Math.max(0, Math.min(where.cell.length, where.start + found));
  const at = lineColumnAt(where.cell, offset);
  const shown = ctx.detail + '\n\n' + renderErrorContext(where.cell, offset);
  return new SqlError(shown, at.line, kind, { offset, column: at.column, detail: ctx.detail });
}
