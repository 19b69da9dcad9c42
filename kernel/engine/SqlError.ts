import { SiltError } from '../../common/SiltError';

/** A SQL failure the user can act on: DuckDB's message, and the line in the cell where it points. */
export class SqlError extends SiltError {
  override name = 'SqlError';
  constructor(
    message: string,
    readonly line?: number,
    readonly kind: string = 'SQL error',
  ) {
    super(kind === 'Interrupted' ? 'cancelled' : 'bad-request', message);
  }
}

/**
 * DuckDB reports positions per statement ("LINE 1: ..."); the cell may hold several statements, so
 * the line is shifted to where the failing statement starts in the cell.
 */
export function toSqlError(e: unknown, statementLine: number): SiltError {
  // Silt's own refusal (a closing session), not DuckDB's: keep its code.
  if (e instanceof SiltError) return e;
  const raw = e instanceof Error ? e.message : String(e);
  const kind = /^([A-Za-z ]+ Error):/.exec(raw)?.[1] ?? 'SQL error';
  const m = /LINE (\d+):/.exec(raw);
  const line = m ? statementLine + Number(m[1]) - 1 : statementLine;
  const interrupted = /INTERRUPT/i.test(raw);
  const message = raw.startsWith(`${kind}: `) ? raw.slice(kind.length + 2) : raw;
  // An interrupted query stopped where it was, not at a line at fault: no line is marked.
  if (interrupted) return new SqlError('The query was interrupted.', undefined, 'Interrupted');
  return new SqlError(message, line, kind);
}
