/**
 * Quoting for DuckDB SQL text that Silt writes: names and values chosen by users or read from a
 * share can never end a quote early and inject SQL. Both double the quote character inside, the
 * standard SQL escape; any other character (dots, unicode, newlines) stays as it is.
 */

/** `"name"`: a table, column or schema name, always quoted so keywords and case survive. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const PLAIN_IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A name SQL and TypeScript both take bare (letters, digits, _; not starting with a digit): what results and published tables may be called. */
export function isPlainIdentifier(name: string): boolean {
  return PLAIN_IDENT.test(name);
}

/** SQL a person reads and edits (the catalog's "Query" text): plain names stay bare, the rest are quoted. */
export function quoteIdentIfNeeded(name: string): string {
  return PLAIN_IDENT.test(name) ? name : quoteIdent(name);
}

/** `'value'`: a string literal (a path, a timestamp, a JSON text). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
