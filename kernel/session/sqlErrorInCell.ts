/**
 * A SQL error of a cell whose shared names were rewritten, told in the analyst's text: the names as
 * the analyst wrote them, and the LINE, caret, line and column placed in the cell as it reads,
 * not in the rewritten SQL DuckDB ran (whose names are longer or shorter and quoted).
 */
import { lineColumnAt, renderErrorContext } from '../engine/errorContext';
import { SqlError } from '../engine/SqlError';
import type { RefEdit } from './sharing/findSharedRefs';
import { inAnalystWords } from './sharing/inAnalystWords';
import { originalOffset } from './sharing/originalOffset';

export function sqlErrorInCell(e: SqlError, code: string, edits: readonly RefEdit[], spellings: ReadonlyMap<string, string>): SqlError {
  if (!e.at) return new SqlError(inAnalystWords(e.message, spellings), e.line, e.kind);
  const offset = originalOffset(edits, e.at.offset);
  const detail = inAnalystWords(e.at.detail, spellings);
  const { line, column } = lineColumnAt(code, offset);
  return new SqlError(`${detail}\n\n${renderErrorContext(code, offset)}`, line, e.kind, { offset, column, detail });
}
