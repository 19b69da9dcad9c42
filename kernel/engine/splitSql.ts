/**
 * Splits a SQL cell into statements. DuckDB's own extractor gives prepared statements but not their
 * text, and the session needs the text of the last statement to materialise its result by handle.
 * Aware of quotes, quoted identifiers, dollar-quoted strings and both comment styles.
 */
export interface SqlStatement {
  text: string;
  /** 1-based line of the statement's first character in the cell. */
  line: number;
  /** Offset of the statement's first character in the cell, to place DuckDB's error positions. */
  start: number;
}

export function splitSql(sql: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let start = 0;
  let i = 0;
  const n = sql.length;
  const push = (end: number) => {
    const raw = sql.slice(start, end);
    if (stripComments(raw).trim() !== '') {
      const lead = raw.length - raw.trimStart().length;
      out.push({ text: raw.trim(), line: lineAt(sql, start + lead), start: start + lead });
    }
  };
  while (i < n) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      i = skipQuoted(sql, i, c);
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        i = end < 0 ? n : end + tag[0].length;
      } else i++;
    } else if (c === ';') {
      push(i);
      start = ++i;
    } else i++;
  }
  push(n);
  return out;
}

function skipQuoted(sql: string, i: number, q: string): number {
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === q) {
      if (sql[j + 1] === q)
        j += 2; // doubled quote is an escaped quote
      else return j + 1;
    } else j++;
  }
  return sql.length;
}

function stripComments(s: string): string {
  return s.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
}

function lineAt(s: string, index: number): number {
  let line = 1;
  for (let k = 0; k < index; k++) if (s.charCodeAt(k) === 10) line++;
  return line;
}
