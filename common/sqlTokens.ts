/**
 * A small SQL tokenizer: enough to find table references outside strings and comments without a
 * full parser (DuckDB's parser cannot be asked before the rewrite: `VERSION AS OF` is not DuckDB SQL).
 */
export type TokenKind = 'ident' | 'quoted' | 'string' | 'number' | 'punct' | 'space' | 'comment';

export interface Token {
  kind: TokenKind;
  text: string;
  /** The identifier or string's value (quotes removed, doubled quotes undone). */
  value: string;
  start: number;
  end: number;
}

export function tokenizeSql(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number, value = sql.slice(i, end)) => {
    out.push({ kind, text: sql.slice(i, end), value, start: i, end });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i];
    const rest = sql.slice(i);
    if (/\s/.test(c)) push('space', i + /^\s+/.exec(rest)![0].length);
    else if (rest.startsWith('--')) push('comment', rest.includes('\n') ? i + rest.indexOf('\n') : sql.length);
    else if (rest.startsWith('/*')) push('comment', rest.includes('*/', 2) ? i + rest.indexOf('*/', 2) + 2 : sql.length);
    else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      const end = Math.min(j + 1, sql.length);
      push(c === "'" ? 'string' : 'quoted', end, sql.slice(i + 1, end - 1).replaceAll(c + c, c));
    } else if (/[A-Za-z_]/.test(c)) push('ident', i + /^[A-Za-z_][A-Za-z0-9_$]*/.exec(rest)![0].length);
    else if (/[0-9]/.test(c)) push('number', i + /^[0-9]+(\.[0-9]+)?/.exec(rest)![0].length);
    else push('punct', i + 1);
  }
  return out;
}
