/**
 * Dotted names of three or more parts that a statement reads FROM or JOINs, for when a profile's
 * tables could not be listed: such a name may be one of that profile's tables, and the user must
 * hear why it cannot be read instead of DuckDB's "Catalog … does not exist".
 */
import { tokenizeSql } from '../../../common/sqlTokens';

/** Each name's parts, e.g. ['h', 'default', 't']; run on SQL whose shared tables are already rewritten. */
export function unresolvedTableNames(sql: string): string[][] {
  const code = tokenizeSql(sql).filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  const out: string[][] = [];
  for (let k = 1; k < code.length; k++) {
    const before = code[k - 1].value.toLowerCase();
    if (code[k - 1].kind !== 'ident' || (before !== 'from' && before !== 'join')) continue;
    const parts: string[] = [];
    for (let j = k; code[j] && (code[j].kind === 'ident' || code[j].kind === 'quoted'); j += 2) {
      parts.push(code[j].value);
      if (code[j + 1]?.text !== '.') break;
    }
    if (parts.length >= 3) out.push(parts);
  }
  return out;
}
