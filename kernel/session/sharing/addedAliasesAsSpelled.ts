/**
 * DuckDB lists the tables a misspelt qualifier could mean by their bindings ('Candidate tables:
 * "orders"'). Where that binding is an alias Silt added (impliedAliases), the analyst never wrote it
 * as such: the list names the table as they wrote it, time travel and all.
 */
import { quoteIdent } from '../../../common/sqlQuote';
import type { RefEdit } from './findSharedRefs';

export function addedAliasesAsSpelled(message: string, code: string, edits: readonly RefEdit[]): string {
  const spelled = new Map<string, string>();
  for (const e of edits) if (e.alias) spelled.set(quoteIdent(e.alias), code.slice(e.start, e.end).replace(/\s+/g, ' '));
  if (spelled.size === 0) return message;
  return message.replace(
    /^(Candidate tables: )(.*)$/m,
    (_, head: string, list: string) => head + list.replace(/"(?:[^"]|"")*"/g, (name) => spelled.get(name) ?? name),
  );
}
