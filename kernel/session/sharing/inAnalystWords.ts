/**
 * DuckDB's message about a rewritten cell, with each view Silt put in place of a shared name written
 * the way the analyst wrote that name: DuckDB knows `"demo.silver.orders"` (quoted as one name) or
 * `"demo.silver.orders@v1"`, neither of which the analyst typed or could type back.
 */
import { quoteIdent } from '../../../common/sqlQuote';
import type { RefEdit } from './findSharedRefs';

/** How the analyst wrote each view's shared name in `code`: the first spelling in the cell, blanks made single (a column's qualifier is no table's spelling). */
export function spellingsOf(code: string, edits: readonly RefEdit[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of edits) if (!e.qualifier && !out.has(e.view)) out.set(e.view, code.slice(e.start, e.end).replace(/\s+/g, ' '));
  return out;
}

export function inAnalystWords(message: string, spellings: ReadonlyMap<string, string>): string {
  const forms = new Map<string, string>();
  for (const [view, spelled] of spellings) {
    forms.set(quoteIdent(view), spelled);
    // A time-travel or change-feed view's name is Silt's own even unquoted; a plain one may be the analyst's.
    if (/[@(]/.test(view)) forms.set(view, spelled);
  }
  if (forms.size === 0) return message;
  const longestFirst = [...forms.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(longestFirst.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return message.replace(pattern, (f) => forms.get(f)!);
}
