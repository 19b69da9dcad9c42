/**
 * Cells whose live re-run must go to the user's lane, never beside the user's running cell: what they
 * touch lives in the user's DuckDB connection only. DuckDB keeps TEMP tables, views, macros and
 * sequences per connection, so a cell that reads one fails with a Catalog Error on the live lane's
 * connection, and a cell that makes one (or changes a setting with SET, RESET, USE or PRAGMA) would
 * change the live connection instead of the user's, leaving the user's cells below on the old one.
 *
 * TEMP names come from every cell of the notebook (the user may have run any of them), found as
 * `CREATE [OR REPLACE] TEMP|TEMPORARY TABLE|VIEW|MACRO|FUNCTION|SEQUENCE name`, in SQL cells and in
 * the strings and templates of TypeScript cells (the SQL they give query() and sql``). A cell reads one when the name appears in it as a word: a false
 * match only makes the re-run wait for the running cell (shown queued), never makes it fail.
 */
import { tokenizeSql, type Token } from '../sqlTokens';
import type { LiveCell } from './planLiveRuns';
import { tokenizeTs } from './tsTokens';

const TEMP_KINDS = new Set(['table', 'view', 'macro', 'function', 'sequence']);
const SETTING_STATEMENTS = new Set(['set', 'reset', 'use', 'pragma']);
const WORD = /"((?:[^"]|"")+)"|[A-Za-z_][\w$]*/g;

/** Cell id → why its re-run waits for the user's lane, for the cells that must. */
export function connectionLocalCells(cells: LiveCell[]): Map<string, string> {
  const temps = new Map<string, string>();
  for (const cell of cells) for (const name of tempNamesMade(cell)) temps.set(name.toLowerCase(), name);
  const out = new Map<string, string>();
  for (const cell of cells) {
    const made = tempNamesMade(cell);
    const read = words(cell.code).find((w) => temps.has(w.toLowerCase()));
    if (made.length > 0) out.set(cell.id, `it makes the TEMP object ${made[0]}, which lives in the user's connection only`);
    else if (read) out.set(cell.id, `it reads the TEMP object ${temps.get(read.toLowerCase())}, which lives in the user's connection only`);
    else if (changesSettings(cell)) out.set(cell.id, SETTINGS_REASON);
  }
  return out;
}

export const SETTINGS_REASON = `its SET or USE must change the user's connection`;

/**
 * Why a re-run waits while the user's own transaction (BEGIN … COMMIT) is open and changed a table the
 * cell reads (`table`), or one it could not place (none named): only the user's connection sees what the
 * transaction changed, so the live connection would show other numbers than the user's cells.
 */
export function transactionReason(table: string | null, open: boolean): string {
  const changed = table ? ` and changed ${table}` : '';
  return open
    ? `your transaction (BEGIN) is open${changed}: only your connection sees its changes`
    : `your transaction (BEGIN) may be open${changed}: only your connection would see its changes`;
}

/**
 * Under a live re-run that ran inside the analyst's open transaction: DuckDB shows a transaction every
 * table as it was at BEGIN, so the shared table's newer versions (written since on another connection)
 * are not in this result, whatever version its badge names.
 */
export const TRANSACTION_SNAPSHOT_NOTE =
  'Read inside your open transaction (BEGIN), which sees shared tables as they were when it began: newer versions show once you COMMIT or ROLLBACK.';

/**
 * Whether the cell runs SET, RESET, USE or PRAGMA: in a SQL cell, a statement that starts with one;
 * in a TypeScript cell, a string or template (query('…'), sql`…`) that does.
 */
export function changesSettings(cell: Pick<LiveCell, 'language' | 'code'>): boolean {
  return sqlTexts(cell).some((sql) => {
    const tokens = significant(sql);
    return tokens.some(
      (t, i) => t.kind === 'ident' && SETTING_STATEMENTS.has(t.value.toLowerCase()) && (i === 0 || tokens[i - 1].text === ';'),
    );
  });
}

/** The SQL of a cell: a SQL cell's code; a TypeScript cell's strings and templates. */
function sqlTexts(cell: Pick<LiveCell, 'language' | 'code'>): string[] {
  if (cell.language === 'sql') return [cell.code];
  return (tokenizeTs(cell.code) ?? []).filter((t) => t.kind === 'string' || t.kind === 'template').map((t) => t.value);
}

/** The names a cell's CREATE TEMP statements make (the last part of a dotted name). */
function tempNamesMade(cell: LiveCell): string[] {
  const names: string[] = [];
  for (const sql of sqlTexts(cell)) {
    const tokens = significant(sql);
    const word = (i: number) => (tokens[i]?.kind === 'ident' ? tokens[i].value.toLowerCase() : '');
    for (let i = 0; i < tokens.length; i++) {
      if (word(i) !== 'create') continue;
      let j = i + 1;
      if (word(j) === 'or' && word(j + 1) === 'replace') j += 2;
      if (word(j) !== 'temp' && word(j) !== 'temporary') continue;
      if (!TEMP_KINDS.has(word(j + 1))) continue;
      j += 2;
      if (word(j) === 'if' && word(j + 1) === 'not' && word(j + 2) === 'exists') j += 3;
      while (tokens[j + 1]?.text === '.' && isName(tokens[j + 2])) j += 2;
      if (isName(tokens[j])) names.push(tokens[j].value);
    }
  }
  return names;
}

function significant(code: string): Token[] {
  return tokenizeSql(code).filter((t) => t.kind !== 'space' && t.kind !== 'comment');
}

const isName = (t?: Token) => t !== undefined && (t.kind === 'ident' || t.kind === 'quoted');

/** Every identifier-like word of the code, quoted ones unquoted (strings and comments included). */
function words(code: string): string[] {
  return [...code.matchAll(WORD)].map((m) => (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[0]));
}
