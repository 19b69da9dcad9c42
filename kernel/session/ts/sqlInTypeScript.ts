/**
 * SQL typed into a TypeScript cell (a new cell takes the language of the cell above it) fails with
 * a syntax error about a missing ";", which does not say what is wrong. When the cell reads as SQL,
 * the error also says so and how to switch the cell's language.
 */

/** Leading SQL comments, then a word that starts a SQL statement and is followed by a space, not `(`, `.` or `=`. */
const READS_AS_SQL =
  /^\s*(?:--[^\n]*\n\s*)*(?:select|with|from|insert|update|delete|create|drop|alter|describe|summarize|pivot|unpivot|explain|show|pragma|copy|attach)\s+(?![\s(.=])/i;

export function sqlHint(source: string): string {
  return READS_AS_SQL.test(source)
    ? '\nThis cell is TypeScript, and this reads as SQL: switch the cell to SQL (L in command mode, or the TS button in its header).'
    : '';
}
