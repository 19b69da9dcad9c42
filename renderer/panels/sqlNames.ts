/** SQL text for a shared table, as the kernel's shared-table references expect it. */

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Double-quotes a name part unless it is a plain identifier (embedded quotes are doubled). */
export function quoteIdent(part: string): string {
  return PLAIN.test(part) ? part : `"${part.replace(/"/g, '""')}"`;
}

/** `share.schema.table`, or `profile.share.schema.table` when another open profile shares the same name. */
export function tableReference(ref: { profile: string; share: string; schema: string; table: string }, ambiguous: boolean): string {
  const parts = ambiguous ? [ref.profile, ref.share, ref.schema, ref.table] : [ref.share, ref.schema, ref.table];
  return parts.map(quoteIdent).join('.');
}

export function previewSql(reference: string): string {
  return `SELECT * FROM ${reference} LIMIT 100`;
}

export function querySql(reference: string): string {
  return `SELECT *\nFROM ${reference}`;
}
