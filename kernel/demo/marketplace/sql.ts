/** SQL literal helpers for the demo's generated statements. */

export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export function sqlStringOrNull(s: string | null): string {
  return s === null ? 'NULL' : sqlString(s);
}

/** `IN (...)` list of string literals; never empty, so it stays valid SQL. */
export function sqlInList(values: readonly string[]): string {
  return values.length === 0 ? '(NULL)' : `(${values.map(sqlString).join(', ')})`;
}
