/**
 * DuckDB's type names as DESCRIBE prints them ("STRUCT(v STRUCT(\"value\" BLOB, metadata BLOB))[]",
 * "MAP(VARCHAR, INTEGER)", "VARIANT"), read into a tree: how a Parquet file's nested column is laid
 * out, for rebuilding values whose form differs from the table's logical type.
 */
export type DuckType =
  | { kind: 'struct'; fields: Map<string, DuckType>; text: string }
  | { kind: 'list'; element: DuckType; text: string }
  | { kind: 'map'; key: DuckType; value: DuckType; text: string }
  | { kind: 'variant'; text: string }
  | { kind: 'other'; text: string };

export function parseDuckType(text: string): DuckType {
  const p = { s: text, i: 0 };
  const t = parseType(p);
  if (p.i !== text.length) throw new Error(`cannot read the DuckDB type ${text}`);
  return t;
}

interface Cursor {
  s: string;
  i: number;
}

function parseType(p: Cursor): DuckType {
  const start = p.i;
  skipSpace(p);
  const word = /^[A-Za-z_][A-Za-z0-9_ ]*?(?=\(|\[|,|\)|$)/.exec(p.s.slice(p.i))?.[0];
  if (!word) throw new Error(`cannot read the DuckDB type ${p.s}`);
  p.i += word.length;
  const name = word.trim().toUpperCase();
  let t: DuckType;
  if (name === 'STRUCT') {
    expect(p, '(');
    const fields = new Map<string, DuckType>();
    for (;;) {
      skipSpace(p);
      const field = parseName(p);
      fields.set(field, parseType(p));
      skipSpace(p);
      if (p.s[p.i] === ',') p.i++;
      else break;
    }
    expect(p, ')');
    t = { kind: 'struct', fields, text: '' };
  } else if (name === 'MAP') {
    expect(p, '(');
    const key = parseType(p);
    expect(p, ',');
    const value = parseType(p);
    expect(p, ')');
    t = { kind: 'map', key, value, text: '' };
  } else {
    // DECIMAL(18,3) and the like: skip the arguments.
    if (p.s[p.i] === '(') p.i = p.s.indexOf(')', p.i) + 1;
    t = name === 'VARIANT' ? { kind: 'variant', text: '' } : { kind: 'other', text: '' };
  }
  while (p.s.startsWith('[]', p.i)) {
    p.i += 2;
    t.text = p.s.slice(start, p.i - 2).trim();
    t = { kind: 'list', element: t, text: '' };
  }
  t.text = p.s.slice(start, p.i).trim();
  return t;
}

function parseName(p: Cursor): string {
  if (p.s[p.i] === '"') {
    let out = '';
    p.i++;
    for (;;) {
      const c = p.s[p.i++];
      if (c === undefined) throw new Error(`cannot read the DuckDB type ${p.s}`);
      if (c === '"') {
        if (p.s[p.i] === '"') {
          out += '"';
          p.i++;
        } else return out;
      } else out += c;
    }
  }
  const m = /^[^\s"(),]+/.exec(p.s.slice(p.i));
  if (!m) throw new Error(`cannot read the DuckDB type ${p.s}`);
  p.i += m[0].length;
  return m[0];
}

function expect(p: Cursor, c: string): void {
  skipSpace(p);
  if (p.s[p.i] !== c) throw new Error(`cannot read the DuckDB type ${p.s}: expected "${c}" at ${p.i}`);
  p.i++;
}

function skipSpace(p: Cursor): void {
  while (p.s[p.i] === ' ') p.i++;
}
