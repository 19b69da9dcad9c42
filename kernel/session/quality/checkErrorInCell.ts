/**
 * DuckDB's error about an expectation check, told in the expectation cell as the analyst wrote it:
 * the check runs Silt's own query around the target and conditions (shared names resolved), so the
 * caret's place in a piece is moved back through that piece's rewrite to where the piece is typed in
 * the cell, and LINE and caret are drawn there, as a SQL cell's errors are.
 */
import { lineColumnAt, renderErrorContext } from '../../engine/errorContext';
import { SqlError } from '../../engine/SqlError';
import { CheckQueryError } from '../../quality/CheckQueryError';
import { RuleConditionError } from '../../quality/checkExpectations';
import type { RefEdit } from '../sharing/findSharedRefs';
import { originalOffset } from '../sharing/originalOffset';
import { inAnalystText } from '../sqlErrorInCell';

/** A piece of the check as the cell has it: where it is typed (undefined for a rule from expectations.yml) and its rewrite. */
export interface PieceInCell {
  at: number | undefined;
  /** The rewrite's edits, in offsets of the piece as typed. */
  edits: readonly RefEdit[];
  /** Where the resolved piece starts in what the check's query holds for it, and its length there. */
  skip: number;
  length: number;
}

/** `e` placed in `code` when it is DuckDB's error about the check's query; any other error as it is. */
export function checkErrorInCell(
  e: unknown,
  code: string,
  target: PieceInCell,
  conditions: readonly PieceInCell[],
  spellings: ReadonlyMap<string, string>,
): unknown {
  const rule = e instanceof RuleConditionError;
  if (!(rule || e instanceof CheckQueryError) || !e.placing) return e;
  const { placing } = e;
  const typed = [target, ...conditions].filter((p) => p.at !== undefined);
  const edits = typed
    .flatMap((p) => p.edits.map((x) => ({ ...x, start: x.start + p.at!, end: x.end + p.at! })))
    .sort((a, b) => a.start - b.start);
  // Both errors' messages are a label ('Rule "x" (line 3) cannot be checked: ') and DuckDB's detail.
  const label = e.message.slice(0, e.message.length - placing.detail.length);
  const detail = inAnalystText(placing.detail, code, edits, spellings);
  const piece = placing.at && (placing.at.piece === -1 ? target : conditions[placing.at.piece]);
  const rel = placing.at && piece ? placing.at.offset - piece.skip : -1;
  if (!piece || piece.at === undefined || rel < 0 || rel > piece.length) {
    // Silt's query is not the analyst's text: no LINE and caret from it.
    if (rule) return new RuleConditionError(label + detail, e.line);
    return new SqlError(label + detail, e.rule ? undefined : lineColumnAt(code, target.at ?? 0).line, e.kind);
  }
  const offset = piece.at + originalOffset(piece.edits, rel);
  const { line, column } = lineColumnAt(code, offset);
  const message = `${label}${detail}\n\n${renderErrorContext(code, offset)}`;
  const at = { offset, column, detail };
  return rule ? new RuleConditionError(message, line, placing, at) : new SqlError(message, line, e.kind, at);
}
