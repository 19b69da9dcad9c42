/** SQL literal helpers for the demo's generated statements. */
import { quoteLiteral } from '../../../common/sqlQuote';

export function sqlStringOrNull(s: string | null): string {
  return s === null ? 'NULL' : quoteLiteral(s);
}

/** `IN (...)` list of string literals; never empty, so it stays valid SQL. */
export function sqlInList(values: readonly string[]): string {
  return values.length === 0 ? '(NULL)' : `(${values.map(quoteLiteral).join(', ')})`;
}
