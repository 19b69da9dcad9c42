/** SQL text for a shared table, as the kernel's shared-table references expect it. */
import { quoteIdentIfNeeded } from '../../common/sqlQuote';

/** `share.schema.table`, or `profile.share.schema.table` when another open profile shares the same name. */
export function tableReference(ref: { profile: string; share: string; schema: string; table: string }, ambiguous: boolean): string {
  const parts = ambiguous ? [ref.profile, ref.share, ref.schema, ref.table] : [ref.share, ref.schema, ref.table];
  return parts.map(quoteIdentIfNeeded).join('.');
}

export function querySql(reference: string): string {
  return `SELECT *\nFROM ${reference}`;
}
