/**
 * DuckDB calls a view's binding a "Values list" ('Values list "o" does not have a column named
 * "amout"'). A shared table is a view only inside Silt; to the analyst `o` is a table, and a values
 * list is something else they may also write. So the words change only for the names the cell binds
 * to a shared table: its spelling, the alias written right after it, or the one Silt added.
 */
import type { RefEdit } from './findSharedRefs';

const ALIAS = /^\s+(?:AS\s+)?("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*)/i;

/** The names the message may quote for the shared tables of `code`, as DuckDB quotes them. */
export function sharedBindings(code: string, edits: readonly RefEdit[], spellings: ReadonlyMap<string, string>): Set<string> {
  const out = new Set<string>([...spellings.values()]);
  for (const e of edits) {
    if (e.alias) out.add(e.alias);
    const alias = ALIAS.exec(code.slice(e.end))?.[1];
    if (alias) out.add(alias.startsWith('"') ? alias.slice(1, -1).replace(/""/g, '"') : alias);
  }
  return out;
}

export function viewAsTable(message: string, bindings: ReadonlySet<string>): string {
  return message.replace(/Values list "((?:[^"]|"")*)"/g, (whole, name: string) => (bindings.has(name) ? `Table "${name}"` : whole));
}
