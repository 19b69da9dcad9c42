/**
 * A SQL error raised by the TypeScript `sql`/`query` helpers, placed in the cell that called them:
 * DuckDB points into the SQL text the helper received, the cell shows the line of the string literal
 * that text came from (and marks the column there), not line N of the cell for line N of the SQL.
 */
import { lineColumnAt, locateErrorContext, renderErrorContext, splitErrorContext } from '../../engine/errorContext';
import { SqlError } from '../../engine/SqlError';

/** The literal text of the SQL around the error: one piece of the template (or the whole string) and the error's offset in it. */
export interface SqlPiece {
  text: string;
  at: number;
}

export class SqlErrorInCode extends SqlError {
  constructor(
    e: SqlError,
    /** Undefined when the text at the error was not written literally (an interpolated value, an escape). */
    readonly piece: SqlPiece | undefined,
  ) {
    super(e.message, e.line, e.kind, e.at);
  }

  /** The error told in the cell's text, or undefined when the piece is not found there (the SQL was built elsewhere). */
  inCell(source: string, callLine: number | undefined): { message: string; line: number; column: number } | undefined {
    if (!this.piece || !this.at || this.piece.text === '') return undefined;
    const offset = pieceOffset(source, this.piece.text, callLine);
    if (offset === undefined) return undefined;
    const at = offset + this.piece.at;
    const { line, column } = lineColumnAt(source, at);
    return { message: `${this.at.detail}\n\n${renderErrorContext(source, at)}`, line, column };
  }
}

/**
 * Where `text` is written in `source`: the first time on or after the line of the call (the helper's
 * frame points at the call, the literal follows it), else the first time in the cell.
 */
function pieceOffset(source: string, text: string, callLine: number | undefined): number | undefined {
  const lineStart =
    callLine === undefined
      ? 0
      : source
          .split('\n')
          .slice(0, callLine - 1)
          .join('\n').length;
  const after = source.indexOf(text, lineStart);
  if (after >= 0) return after;
  const first = source.indexOf(text);
  return first >= 0 ? first : undefined;
}

/**
 * The piece of a `sql` call's text that holds `offset`: the template's literal part around it, when it
 * reads in the source as it reads in the SQL (no escapes), or the whole text of `sql('…')`/`query('…')`.
 */
export function pieceAt(strings: TemplateStringsArray | string, values: readonly unknown[], offset: number): SqlPiece | undefined {
  if (typeof strings === 'string') return { text: strings, at: offset };
  let start = 0;
  for (let i = 0; i < strings.length; i++) {
    const end = start + strings[i].length;
    if (offset < end || (offset === end && i === strings.length - 1)) {
      return strings.raw[i] === strings[i] ? { text: strings[i], at: offset - start } : undefined;
    }
    start = end + (i < values.length ? String(values[i]).length : 0);
    // Inside an interpolated value: it was not written in the cell.
    if (offset < start) return undefined;
  }
  return undefined;
}

/** An error of `query(sql)`, whose message still holds DuckDB's context: with the offset it points at in `sql`. */
export function locatedIn(e: SqlError, sql: string): SqlError {
  if (e.at) return e;
  const ctx = splitErrorContext(e.message);
  const offset = ctx && locateErrorContext(sql, ctx);
  if (!ctx || offset === undefined) return e;
  return new SqlError(e.message, e.line, e.kind, { offset, column: lineColumnAt(sql, offset).column, detail: ctx.detail });
}
