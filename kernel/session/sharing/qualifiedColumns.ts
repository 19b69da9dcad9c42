/**
 * Columns qualified by a shared table's own name, as DuckDB lets analysts qualify a column by its
 * table's catalog.schema.table: `demo.silver.orders.amount`, `silver.orders.amount`,
 * `demo.silver.orders.*`. The table is read through a view bound by another name (the analyst's
 * alias, the implied one, or the view's), so the qualifier is rewritten to that binding; a qualifier
 * two tables read there could answer to is refused, never guessed.
 */
import { quoteIdent } from '../../../common/sqlQuote';
import { lineColumnAt, renderErrorContext } from '../../engine/errorContext';
import { SqlError } from '../../engine/SqlError';
import type { Token } from '../../../common/sqlTokens';
import type { KnownTable, RefEdit } from './RefEdit';
import { SharedRefError } from './SharedRefError';
import { scopeChains } from './fromScopes';
import { inFromList, typedAlias } from './impliedAliases';

/** A dotted name of the cell that is not a shared table itself: first and last token, its parts, whether `.*` follows. */
export interface QualifierCandidate {
  first: number;
  last: number;
  parts: string[];
  star: boolean;
}

/** A shared name the cell reads: its tokens, table, view, and the alias the rewrite added to it, if any. */
export interface ReadTable {
  first: number;
  last: number;
  table: KnownTable;
  view: string;
  addedAlias?: string;
}

type Item = ReadTable & { scope: string; alias: Token | undefined };

/** A qualifier that more than one table read in its FROM list answers to. */
export class AmbiguousQualifierError extends SharedRefError {
  constructor(
    message: string,
    /** Where the qualifier starts in the SQL the rewrite was given. */
    readonly offset: number,
  ) {
    super(message);
  }

  /** The refusal as a SQL error of `text` (the SQL given), with LINE and caret under the qualifier, so a cell marks it. */
  inText(text: string): SqlError {
    const { line, column } = lineColumnAt(text, this.offset);
    return new SqlError(`${this.message}\n\n${renderErrorContext(text, this.offset)}`, line, this.kind, {
      offset: this.offset,
      column,
      detail: this.message,
    });
  }
}

/** The edits that replace each shared-name qualifier of `qualifiers` by the binding of the one table it names. */
export function qualifierEdits(
  sql: string,
  code: readonly Token[],
  qualifiers: readonly QualifierCandidate[],
  read: readonly ReadTable[],
): RefEdit[] {
  const scopes = scopeChains(code);
  const items: Item[] = read
    .filter((r) => inFromList(code, r.first))
    .map((r) => ({ ...r, scope: scopes[r.first][0], alias: typedAlias(code, r.last) }));
  const edits: RefEdit[] = [];
  for (const q of qualifiers) {
    // A name in a FROM list is a table (a local one), and one before "(" a function.
    if (inFromList(code, q.first) || (!q.star && code[q.last + 1]?.text === '(')) continue;
    const longest = q.star ? q.parts.length : q.parts.length - 1;
    found: for (const scope of scopes[q.first]) {
      const here = items.filter((it) => it.scope === scope);
      for (let n = longest; n >= 2 && here.length > 0; n--) {
        const prefix = q.parts.slice(0, n);
        const hits = here.filter((it) => names(prefix, it.table));
        if (hits.length === 0) continue;
        const end = code[q.first + 2 * (n - 1)].end;
        if (hits.length > 1) throw ambiguous(sql, code, q, n, hits);
        const [hit] = hits;
        const text = hit.alias ? hit.alias.text : quoteIdent(hit.addedAlias ?? hit.view);
        edits.push({ start: code[q.first].start, end, text, view: hit.view, qualifier: true });
        break found;
      }
    }
  }
  return edits;
}

/** The refusal of a qualifier several tables answer to, naming them as written and how to tell them apart. */
function ambiguous(sql: string, code: readonly Token[], q: QualifierCandidate, n: number, hits: readonly Item[]): AmbiguousQualifierError {
  const column = sql.slice(code[q.first].start, q.star ? code[q.last + 2].end : code[q.last].end);
  const rest = q.star ? '*' : q.parts.slice(n).join('.');
  const spelled = hits.map((h) => sql.slice(code[h.first].start, (h.alias ?? code[h.last]).end).replace(/\s+/g, ' '));
  const tables = `${spelled.slice(0, -1).join(', ')} or ${spelled[spelled.length - 1]}`;
  const aliases = hits.map((h) => h.alias?.text);
  const fix = aliases.every((a) => a !== undefined)
    ? `qualify the column with the alias of the one you mean (${aliases.map((a) => `${a}.${rest}`).join(' or ')})`
    : `give the one you mean an alias (FROM ${spelled[aliases.indexOf(undefined)]} AS t) and qualify the column with it (t.${rest})`;
  return new AmbiguousQualifierError(`${column} could mean a column of ${tables}: ${fix}.`, code[q.first].start);
}

/** Whether `prefix` names `t`: schema.table, share.schema.table (a share may hold dots) or profile.share.schema.table. */
function names(prefix: string[], t: KnownTable): boolean {
  const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const head = prefix.slice(0, -2);
  if (!eq(prefix[prefix.length - 1], t.table) || !eq(prefix[prefix.length - 2], t.schema)) return false;
  return head.length === 0 || eq(head.join('.'), t.share) || (eq(head[0], t.profile) && eq(head.slice(1).join('.'), t.share));
}
