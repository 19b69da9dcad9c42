/**
 * Which tables one SQL statement may change, told from its type (DuckDB's `statementType`, when the
 * engine prepared it) and its first words. Used to skip the look for changed results after a run that
 * only read (see WriteWatch), so it must never say `none` of a statement that can change a table:
 * whatever it cannot place (a CTE before an UPDATE, a transaction's COMMIT, a CALL, a PRAGMA) is `all`.
 */
import { StatementType } from '@duckdb/node-api';
import { splitSql } from './splitSql';

/** `none`: reads only; `all`: may change any table; else the lower-case names of the tables it may change. */
export type WriteTargets = 'none' | 'all' | string[];

/** Statement types that cannot change a table's rows (EXPLAIN ANALYZE runs its statement: see below). */
const READS = new Set<StatementType>([
  StatementType.SELECT,
  StatementType.EXPLAIN,
  StatementType.SET,
  StatementType.VARIABLE_SET,
  StatementType.PREPARE,
  StatementType.CREATE_FUNC,
  StatementType.LOAD,
  StatementType.ANALYZE,
  StatementType.EXPORT,
]);

/** One part of a name: quoted, or bare (letters of any script, as DuckDB allows). */
const IDENT = String.raw`"(?:[^"]|"")+"|[\p{L}_][\p{L}\p{N}_$]*`;
/**
 * A table name, perhaps qualified (`main.orders`): its last part is the table. It must end where the
 * name ends, so a name the pattern cannot read whole is never taken for a shorter one.
 */
const NAME = String.raw`((?:${IDENT})(?:\s*\.\s*(?:${IDENT}))*)(?![\p{L}\p{N}_$."])`;

/** First words of a statement that changes one table, and where that table's name is. */
const TARGETED: { type: StatementType; re: RegExp }[] = [
  { type: StatementType.INSERT, re: new RegExp(String.raw`^INSERT\s+(?:OR\s+(?:REPLACE|IGNORE)\s+)?INTO\s+${NAME}`, 'iu') },
  { type: StatementType.UPDATE, re: new RegExp(String.raw`^UPDATE\s+${NAME}`, 'iu') },
  { type: StatementType.DELETE, re: new RegExp(String.raw`^(?:DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+${NAME}`, 'iu') },
  { type: StatementType.MERGE_INTO, re: new RegExp(String.raw`^MERGE\s+INTO\s+${NAME}`, 'iu') },
  { type: StatementType.COPY, re: new RegExp(String.raw`^COPY\s+${NAME}\s*(?:\([^)]*\)\s*)?FROM\b`, 'iu') },
  { type: StatementType.DROP, re: new RegExp(String.raw`^DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?${NAME}`, 'iu') },
  {
    type: StatementType.CREATE,
    re: new RegExp(String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:TEMP|TEMPORARY)\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?${NAME}`, 'iu'),
  },
  // A rename may give the table a name a result's table had: any table.
  { type: StatementType.ALTER, re: new RegExp(String.raw`^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?${NAME}(?![\s\S]*\bRENAME\b)`, 'iu') },
];

/** Objects whose creation or removal leaves every table's rows as they were. */
const NOT_A_TABLE =
  /^(?:CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:TEMP|TEMPORARY)\s+)?(?:VIEW|MACRO|FUNCTION|SEQUENCE|TYPE|SCHEMA|SECRET|(?:UNIQUE\s+)?INDEX)|DROP\s+(?:VIEW|MACRO|FUNCTION|SEQUENCE|TYPE|SECRET|INDEX))\b/i;

/** `COPY (query) TO ...` or `COPY table [(columns)] TO ...`. */
const COPY_TO = new RegExp(String.raw`^COPY\s*(?:\(|${NAME}\s*(?:\([^)]*\)\s*)?TO\b)`, 'iu');

/** Statements that only read, told by their first word when DuckDB's type is not known. */
const READ_WORDS = /^(?:SELECT|FROM|VALUES|DESCRIBE|SHOW|SUMMARIZE|SET|RESET|LOAD)\b/i;

export function writeTargets(text: string, type?: StatementType): WriteTargets {
  const sql = withoutLeadingComments(text);
  if (type === undefined ? READ_WORDS.test(sql) : READS.has(type)) {
    // EXPLAIN ANALYZE runs the statement it explains.
    return /^EXPLAIN\s+ANALY[SZ]E\b/i.test(sql) ? 'all' : 'none';
  }
  if (/^EXPLAIN\b/i.test(sql) && !/^EXPLAIN\s+ANALY[SZ]E\b/i.test(sql)) return 'none';
  // CASCADE may take tables with it.
  if (NOT_A_TABLE.test(sql) && !/\bCASCADE\b/i.test(sql)) return 'none';
  // COPY ... TO writes a file, not a table.
  if ((type === undefined || type === StatementType.COPY) && COPY_TO.test(sql)) return 'none';
  for (const t of TARGETED) {
    if (type !== undefined && type !== t.type) continue;
    const m = t.re.exec(sql);
    if (m) return [tableName(m[1])];
  }
  return 'all';
}

/** The last part of a possibly qualified name, unquoted, lower case (DuckDB's names ignore case). */
function tableName(qualified: string): string {
  const parts = qualified.match(new RegExp(IDENT, 'gu')) ?? [qualified];
  const last = parts[parts.length - 1];
  return (last.startsWith('"') ? last.slice(1, -1).replace(/""/g, '"') : last).toLowerCase();
}

function withoutLeadingComments(text: string): string {
  return text.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, '');
}

/**
 * The tables one statement may change: by its first words, and when they cannot tell (a CTE, PIVOT,
 * a transaction), by DuckDB's type for it, which costs a prepare (about 0.15 ms a statement here).
 */
export async function statementWriteTargets(text: string, typeOf: () => Promise<StatementType | undefined>): Promise<WriteTargets> {
  const byWords = writeTargets(text);
  return byWords === 'all' ? writeTargets(text, await typeOf()) : byWords;
}

/** The tables a text of one or more statements may change (the `sql` helper of TypeScript cells, quality checks). */
export function sqlWriteTargets(sql: string): WriteTargets {
  let out: WriteTargets = 'none';
  for (const st of splitSql(sql)) {
    const t = writeTargets(st.text);
    if (t === 'all') return 'all';
    if (t !== 'none') out = out === 'none' ? t : [...out, ...t];
  }
  return out;
}
