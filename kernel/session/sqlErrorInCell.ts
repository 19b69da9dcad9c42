/**
 * A SQL error of a cell whose shared names were rewritten, told in the analyst's text: the names as
 * the analyst wrote them, and the LINE, caret, line and column placed in the cell as it reads,
 * not in the rewritten SQL DuckDB ran (whose names are longer or shorter and quoted).
 */
import { lineColumnAt, renderErrorContext } from '../engine/errorContext';
import { SqlError } from '../engine/SqlError';
import type { RefEdit } from './sharing/findSharedRefs';
import { addedAliasesAsSpelled } from './sharing/addedAliasesAsSpelled';
import { inAnalystWords } from './sharing/inAnalystWords';
import { originalOffset } from './sharing/originalOffset';
import { sharedBindings, viewAsTable } from './sharing/viewAsTable';

export function sqlErrorInCell(e: SqlError, code: string, edits: readonly RefEdit[], spellings: ReadonlyMap<string, string>): SqlError {
  const words = (text: string) => inAnalystText(text, code, edits, spellings);
  if (!e.at) return new SqlError(words(e.message), e.line, e.kind);
  const offset = originalOffset(edits, e.at.offset);
  const detail = words(e.at.detail);
  const { line, column } = lineColumnAt(code, offset);
  return new SqlError(`${detail}\n\n${renderErrorContext(code, offset)}`, line, e.kind, { offset, column, detail });
}

/** DuckDB's words about the rewritten `code`, with names as the analyst wrote them (`edits` in `code`'s offsets). */
export function inAnalystText(text: string, code: string, edits: readonly RefEdit[], spellings: ReadonlyMap<string, string>): string {
  const bindings = sharedBindings(code, edits, spellings);
  return viewAsTable(addedAliasesAsSpelled(inAnalystWords(text, spellings), code, edits), bindings);
}
